package io.downtime.incident.service;

import java.time.LocalDate;
import java.util.List;

/**
 * A postmortem (blameless, Google SRE book style): what happened, why, what made it worse, what will be done.
 *
 * @param summary what happened and its impact
 * @param rootCause the root cause
 * @param contributingFactors factors that made it happen or worse
 * @param actionItems follow-ups
 */
public record Postmortem(String summary, String rootCause, List<String> contributingFactors, List<ActionItem> actionItems) {

    /**
     * A follow-up.
     *
     * @param description what to do
     * @param owner who, may be null
     * @param dueDate by when (ISO date), may be null
     * @param done whether it is done
     */
    public record ActionItem(String description, String owner, LocalDate dueDate, boolean done) {
    }
}
