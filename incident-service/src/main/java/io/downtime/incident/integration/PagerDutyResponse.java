package io.downtime.incident.integration;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of every answer of {@code POST /v2/enqueue}, shaped as PagerDuty's Events API v2 answers:
 * <ul>
 * <li>202 {@code {"status":"success","message":"Event processed","dedup_key":"…"}}</li>
 * <li>400 {@code {"status":"invalid event","message":"Event object is invalid","errors":["…"]}}</li>
 * <li>429 {@code {"status":"throttle event","message":"Requests for this service are arriving too quickly. Please
 * retry later.","errors":["…"]}}</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagerDutyResponse(String status, String message, @JsonProperty("dedup_key") String dedupKey,
        List<String> errors) {

    static PagerDutyResponse success(String dedupKey) {
        return new PagerDutyResponse("success", "Event processed", dedupKey, null);
    }

    static PagerDutyResponse invalid(List<String> errors) {
        return new PagerDutyResponse("invalid event", "Event object is invalid", null, errors);
    }

    static PagerDutyResponse throttled(long retryAfterSeconds) {
        return new PagerDutyResponse("throttle event",
                "Requests for this service are arriving too quickly. Please retry later.", null,
                List.of("Rate limit of the routing key exceeded; retry after " + retryAfterSeconds + " s"));
    }
}
