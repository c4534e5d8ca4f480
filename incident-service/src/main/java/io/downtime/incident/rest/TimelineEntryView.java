package io.downtime.incident.rest;

import java.time.Instant;

import io.downtime.incident.domain.TimelineEntry;
import io.downtime.incident.domain.TimelineType;

/**
 * One timeline entry.
 *
 * @param at server time at which it was recorded
 * @param actor {@code system} for automatic entries, else the person or tool
 * @param type what happened
 * @param detail human-readable detail
 */
public record TimelineEntryView(Instant at, String actor, TimelineType type, String detail) {

    static TimelineEntryView from(TimelineEntry e) {
        return new TimelineEntryView(e.occurredAt, e.actor, e.type, e.detail);
    }
}
