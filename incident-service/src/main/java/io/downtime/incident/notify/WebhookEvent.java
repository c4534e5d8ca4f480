package io.downtime.incident.notify;

import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON body of a webhook delivery: one incident timeline entry and the incident as it was when that entry's
 * transaction committed.
 *
 * <pre>
 * {"id":42,"type":"incident.acknowledged","occurredAt":"2026-11-21T08:00:05.123456Z","actor":"alice",
 *  "detail":"TRIGGERED -> ACKNOWLEDGED: on it",
 *  "incident":{"id":7,"service":"demo-dex","status":"ACKNOWLEDGED","severity":"critical","reason":"head_stale",
 *              "dedupKey":"service:demo-dex","startedAt":"…","detectedAt":"…","acknowledgedAt":"…",
 *              "mitigatedAt":null,"resolvedAt":null,"endedAt":null,"assignee":null,"cause":null}}
 * </pre>
 *
 * @param id event id = the timeline entry id; the same for every subscription and every retry (receivers dedupe on
 *        it)
 * @param type {@code incident.} + the timeline entry type in lower case: {@code incident.triggered},
 *        {@code incident.acknowledged}, {@code incident.mitigated}, {@code incident.resolved},
 *        {@code incident.reopened}, {@code incident.outage_started}, {@code incident.outage_ended},
 *        {@code incident.start_moved}, {@code incident.trigger_added}, and any type added later
 * @param occurredAt server time of the entry (ISO-8601 UTC)
 * @param actor who did it ({@code system}, a person, {@code integration:<name>}, {@code alertmanager})
 */
public record WebhookEvent(long id, String type, Instant occurredAt, String actor, String detail, IncidentState incident) {

    /**
     * The incident after the change. Instants ISO-8601 UTC, null when not (yet) set. {@code assignee} and
     * {@code cause} are null where the schema has no such column.
     *
     * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
     */
    public record IncidentState(long id, String service, String status, String severity, String reason,
            String dedupKey, Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt,
            Instant resolvedAt, Instant endedAt, String assignee, String cause) {
    }

    /**
     * Builds the event from the snapshot the database trigger stored: {@code {"entry": to_jsonb(timeline_entry),
     * "incident": to_jsonb(incident)}} (snake_case columns, timestamps with offsets).
     */
    static WebhookEvent fromSnapshot(String eventType, JsonNode snapshot) {
        JsonNode e = snapshot.path("entry");
        JsonNode i = snapshot.path("incident");
        IncidentState incident = new IncidentState(i.path("id").asLong(), text(i, "service"), text(i, "status"),
                text(i, "severity"), text(i, "reason"), text(i, "dedup_key"), instant(i, "started_at"),
                instant(i, "detected_at"), instant(i, "acknowledged_at"), instant(i, "mitigated_at"),
                instant(i, "resolved_at"), instant(i, "ended_at"), text(i, "assignee"), text(i, "cause"));
        return new WebhookEvent(e.path("id").asLong(), eventType, instant(e, "occurred_at"), text(e, "actor"),
                text(e, "detail"), incident);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }
}
