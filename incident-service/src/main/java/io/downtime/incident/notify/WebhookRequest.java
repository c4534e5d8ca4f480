package io.downtime.incident.notify;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/webhooks} and {@code PUT /api/v1/webhooks/{id}}.
 *
 * @param url http(s) URL that receives the deliveries (SSRF-checked, see {@link WebhookUrlGuard}), at most 2048
 *        characters
 * @param secret signing secret, 16-256 characters; on create, omitted = generated and returned once; on update,
 *        omitted = kept. Never returned otherwise
 * @param service only incidents of this service; omitted = every service
 * @param active deliveries are made only while active (default true); events of an inactive subscription are not
 *        recorded
 * @param description free text, at most 500 characters
 */
public record WebhookRequest(
        @NotBlank @Size(max = 2048) String url,
        @Size(min = 16, max = 256) @Pattern(regexp = "[\\x21-\\x7e]*", message = "must be printable ASCII without spaces") String secret,
        @Size(min = 1, max = 200) @Pattern(regexp = "[^\\x00-\\x1f\\x7f]*", message = "must not contain control characters") String service,
        Boolean active,
        @Size(max = 500) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters") String description) {
}
