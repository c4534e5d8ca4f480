package io.downtime.incident.integration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Prometheus Alertmanager's webhook payload, version 4 (Alertmanager docs, "webhook_config"). Fields not listed are
 * ignored.
 *
 * @param version must be {@code "4"}
 * @param groupKey identifies the alert group (route and group labels); with each alert's fingerprint it makes the
 *        dedup key
 * @param truncatedAlerts how many alerts Alertmanager left out ({@code max_alerts})
 * @param status {@code firing} while any alert of the group fires, else {@code resolved}
 * @param alerts the group's alerts, 1 to 1000
 */
public record AlertmanagerPayload(
        @NotNull @Pattern(regexp = "4", message = "must be \"4\" (Alertmanager webhook payload version 4)") String version,
        @NotBlank @Size(max = 10000) String groupKey,
        Integer truncatedAlerts,
        @NotNull @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        @NotEmpty @Size(max = 1000) List<@Valid @NotNull Alert> alerts) {

    /**
     * One alert.
     *
     * @param status {@code firing} or {@code resolved}
     * @param labels the alert's labels; {@code service} names the service, {@code severity} maps to the severity,
     *        {@code alertname} is the incident reason
     * @param annotations {@code summary} or {@code description} go into the timeline
     * @param startsAt when the alert began firing
     * @param endsAt when it resolved; {@code 0001-01-01T00:00:00Z} while firing
     * @param fingerprint Alertmanager's hash of the label set: identifies the alert within its group
     */
    public record Alert(
            @NotNull @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
            @NotNull Map<String, String> labels,
            Map<String, String> annotations,
            @NotNull Instant startsAt,
            Instant endsAt,
            String generatorURL,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z]+", message = "must be alphanumeric") String fingerprint) {

        boolean firing() {
            return "firing".equals(status);
        }

        String label(String name) {
            String value = labels.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String summary() {
            if (annotations == null) {
                return null;
            }
            String summary = annotations.get("summary");
            return summary != null && !summary.isBlank() ? summary : annotations.get("description");
        }
    }
}
