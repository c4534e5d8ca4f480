package io.downtime.incident.service;

import java.util.UUID;

/**
 * Result of receiving one signal.
 *
 * @param id the signal id
 * @param duplicate true when the id was already stored; nothing changed
 * @param applied true when the signal became the latest state of its (target, region); false for duplicates and
 *        for signals older (by {@code confirmedAt}) than the stored state, and for a signal stored pending
 *        ({@link #pending}) until it is applied
 * @param evaluation the outage change it caused; {@link Evaluation#NONE} when not applied
 */
public record SignalOutcome(UUID id, boolean duplicate, boolean applied, Evaluation evaluation) {

    static SignalOutcome duplicate(UUID id) {
        return new SignalOutcome(id, true, false, Evaluation.NONE);
    }

    /**
     * A signal stored to be applied later, after its service's outage change (see {@link SignalIngest#split}): not a
     * duplicate, not applied yet.
     */
    static SignalOutcome pending(UUID id) {
        return new SignalOutcome(id, false, false, Evaluation.NONE);
    }

    static SignalOutcome stale(UUID id) {
        return new SignalOutcome(id, false, false, Evaluation.NONE);
    }
}
