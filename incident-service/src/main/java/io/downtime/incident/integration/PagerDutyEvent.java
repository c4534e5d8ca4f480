package io.downtime.incident.integration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.downtime.incident.domain.Severity;

/**
 * A PagerDuty Events API v2 event, validated by PagerDuty's rules (developer docs, "Send an Alert Event"):
 * {@code routing_key} 32 characters; {@code event_action} {@code trigger|acknowledge|resolve}; {@code dedup_key} at
 * most 255 characters, required for acknowledge and resolve; for trigger a {@code payload} with {@code summary}
 * (≤ 1024 characters), {@code source} (≤ 255), {@code severity} ({@code critical|error|warning|info}), optional
 * {@code timestamp} (ISO 8601), {@code component}, {@code group}, {@code class}, {@code custom_details} (any JSON).
 *
 * @param dedupKey null when a trigger came without one (the server makes one)
 * @param timestamp when the problem began by the sender's clock; null when absent
 * @param customDetails compact JSON text of {@code custom_details}; null when absent
 */
public record PagerDutyEvent(String routingKey, Action action, String dedupKey, String summary, String source,
        Severity severity, Instant timestamp, String component, String group, String eventClass, String customDetails,
        String client) {

    /** {@code event_action}. */
    public enum Action {
        TRIGGER,
        ACKNOWLEDGE,
        RESOLVE
    }

    /** Parse result: the event, or PagerDuty-style error strings. */
    public record Parsed(PagerDutyEvent event, List<String> errors) {
    }

    /** PagerDuty timestamps: ISO 8601 with or without colon in the offset ({@code 2015-07-17T08:42:58.315+0000}). */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    /** Validates a parsed JSON body. */
    public static Parsed parse(JsonNode body) {
        List<String> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Parsed(null, List.of("Event object must be a JSON object"));
        }
        String routingKey = text(body, "routing_key");
        if (routingKey == null || routingKey.isBlank()) {
            errors.add("'routing_key' is missing or blank");
        } else if (routingKey.length() != IntegrationKeys.LENGTH) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        String actionText = text(body, "event_action");
        Action action = null;
        if (actionText == null || actionText.isBlank()) {
            errors.add("'event_action' is missing or blank");
        } else {
            action = switch (actionText) {
                case "trigger" -> Action.TRIGGER;
                case "acknowledge" -> Action.ACKNOWLEDGE;
                case "resolve" -> Action.RESOLVE;
                default -> null;
            };
            if (action == null) {
                errors.add("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
            }
        }
        String dedupKey = text(body, "dedup_key");
        if (body.has("dedup_key") && !body.get("dedup_key").isNull() && !body.get("dedup_key").isTextual()) {
            errors.add("'dedup_key' must be a string");
        } else if (dedupKey != null && dedupKey.length() > 255) {
            errors.add("'dedup_key' is too long (must be at most 255 characters)");
        } else {
            noNul("dedup_key", dedupKey, errors);
        }
        if (dedupKey != null && dedupKey.isBlank()) {
            dedupKey = null;
        }
        if ((action == Action.ACKNOWLEDGE || action == Action.RESOLVE) && dedupKey == null) {
            errors.add("'dedup_key' is missing or blank (required for " + actionText + ")");
        }
        String summary = null, source = null, component = null, group = null, eventClass = null, details = null;
        Severity severity = null;
        Instant timestamp = null;
        JsonNode payload = body.get("payload");
        if (action == Action.TRIGGER) {
            if (payload == null || !payload.isObject()) {
                errors.add("'payload' is missing or not an object");
            } else {
                summary = required(payload, "summary", 1024, errors);
                source = required(payload, "source", 255, errors);
                String severityText = text(payload, "severity");
                severity = Severities.fromPagerDuty(severityText);
                if (severity == null) {
                    errors.add("'payload.severity' is missing or invalid (must be one of: critical, error, warning, info)");
                }
                String ts = text(payload, "timestamp");
                if (ts != null && !ts.isBlank()) {
                    timestamp = parseTimestamp(ts);
                    if (timestamp == null) {
                        errors.add("'payload.timestamp' is not a valid ISO 8601 timestamp");
                    }
                }
                component = optional(payload, "component", 255, errors);
                group = optional(payload, "group", 255, errors);
                eventClass = optional(payload, "class", 255, errors);
                JsonNode custom = payload.get("custom_details");
                details = custom == null || custom.isNull() ? null : custom.toString();
            }
        }
        String client = text(body, "client");
        noNul("routing_key", routingKey, errors);
        noNul("payload.summary", summary, errors);
        noNul("payload.source", source, errors);
        noNul("payload.component", component, errors);
        noNul("payload.group", group, errors);
        noNul("payload.class", eventClass, errors);
        noNul("client", client, errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new PagerDutyEvent(routingKey, action, dedupKey, summary, source, severity, timestamp,
                component, group, eventClass, details, client), List.of());
    }

    private static Instant parseTimestamp(String value) {
        try {
            return OffsetDateTime.parse(value.strip(), TIMESTAMP).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String required(JsonNode node, String field, int max, List<String> errors) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            errors.add("'payload." + field + "' is missing or blank");
            return null;
        }
        if (value.length() > max) {
            errors.add("'payload." + field + "' is too long (must be at most " + max + " characters)");
        }
        return value;
    }

    private static String optional(JsonNode node, String field, int max, List<String> errors) {
        String value = text(node, field);
        if (value != null && value.length() > max) {
            errors.add("'payload." + field + "' is too long (must be at most " + max + " characters)");
        }
        return value;
    }

    /** PostgreSQL text cannot hold NUL characters. */
    private static void noNul(String field, String value, List<String> errors) {
        if (value != null && value.indexOf('\0') >= 0) {
            errors.add("'" + field + "' must not contain NUL characters");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }
}
