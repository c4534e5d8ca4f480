package io.downtime.incident.integration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/integrations}.
 *
 * @param name unique name (1-200 characters), recorded as actor {@code integration:<name>} in timelines
 * @param kind {@code pagerduty} or {@code alertmanager} (any case)
 * @param service default service (required for {@code pagerduty}: every event of the routing key belongs to it;
 *        optional for {@code alertmanager}: used for alerts without a {@code service} label)
 */
public record IntegrationRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\x00-\\x1f\\x7f]*", message = "must not contain control characters") String name,
        @NotBlank @Pattern(regexp = "(?i)pagerduty|alertmanager", message = "must be pagerduty or alertmanager") String kind,
        @Size(min = 1, max = 200) @Pattern(regexp = "[^\\x00-\\x1f\\x7f]*", message = "must not contain control characters") String service) {
}
