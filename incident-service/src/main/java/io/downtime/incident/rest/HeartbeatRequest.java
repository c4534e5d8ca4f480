package io.downtime.incident.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.downtime.incident.heartbeat.HeartbeatService;

/**
 * Body of {@code POST /api/v1/heartbeats} (docs/CONTRACTS.md "Heartbeats").
 *
 * @param region region name, non-blank, ≤ 200 characters
 * @param instance probe-service instance, non-blank, ≤ 200 characters
 * @param version probe-service version, ≤ 100 characters, optional
 * @param sentAt the instance's clock at sending (informational; age is measured from reception)
 * @param intervalSeconds heartbeat interval, seconds, 1 to 3600
 * @param heads per EVM chain id (decimal string), the best head this instance saw; ≤ 1000 chains
 */
public record HeartbeatRequest(
        @NotBlank @Size(max = 200) @NoNul String region,
        @NotBlank @Size(max = 200) @NoNul String instance,
        @Size(max = 100) @NoNul String version,
        @NotNull @InstantInRange Instant sentAt,
        @NotNull @Min(1) @Max(3600) Integer intervalSeconds,
        @Size(max = 1000) Map<@Pattern(regexp = "\\d{1,20}", message = "chain id must be a decimal number") String, @Valid @NotNull HeadRequest> heads) {

    /**
     * One head.
     *
     * @param number block number, ≥ 0
     * @param seenAt when the instance saw it
     */
    public record HeadRequest(@NotNull @PositiveOrZero Long number, @InstantInRange Instant seenAt) {
    }

    HeartbeatService.Beat toBeat() {
        Map<String, HeartbeatService.Head> h = new LinkedHashMap<>();
        if (heads != null) {
            heads.forEach((chain, head) -> h.put(chain, new HeartbeatService.Head(head.number(), null, head.seenAt())));
        }
        return new HeartbeatService.Beat(region.strip(), instance.strip(), version, sentAt, intervalSeconds, h);
    }
}
