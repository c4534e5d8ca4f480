package io.downtime.sla.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the status page {@code GET /status} shows (rendered by the Qute template
 * {@code templates/StatusResource/status.html}).
 *
 * @param generatedAt when the page was computed (UTC)
 * @param generatedLabel {@code generatedAt} for people, e.g. {@code 2026-11-21 05:40 UTC}
 * @param days days of uptime history per service
 * @param overall {@code up} (every service up), {@code down} (at least one down) or {@code unknown} (some state could
 *        not be read)
 * @param summary one sentence for {@code overall}
 * @param services the services with an SLA, in display order
 * @param incidentServiceUnavailable whether some data could not be read from incident-service (the page then says so)
 */
public record StatusPage(Instant generatedAt, String generatedLabel, int days, String overall, String summary,
        List<ServiceStatus> services, boolean incidentServiceUnavailable) {

    /**
     * One service.
     *
     * @param service service name
     * @param state {@code up}, {@code down} (an outage is open now) or {@code unknown} (outages unavailable)
     * @param stateLabel {@code Operational}, {@code Down} or {@code Unknown}
     * @param uptime availability over the whole history in percent, truncated to 3 decimals ({@code "99.931"}), or
     *        {@code null} when the outages are unavailable
     * @param bars one per UTC day, oldest first; empty when the outages are unavailable
     * @param historyUnavailable whether the outages could not be read
     * @param incidents open incidents (not {@code RESOLVED}), newest first
     * @param incidentsUnavailable whether the incidents could not be read
     */
    public record ServiceStatus(String service, String state, String stateLabel, String uptime, List<DayBar> bars,
            boolean historyUnavailable, List<ActiveIncident> incidents, boolean incidentsUnavailable) {
    }

    /**
     * One UTC day of one service.
     *
     * @param date the day (UTC)
     * @param level colour class by availability: {@code ok} 100 %, {@code minor} ≥ 99 %, {@code partial} ≥ 95 %,
     *        {@code major} below 95 %
     * @param availability availability of the day in percent, truncated to 3 decimals ({@code "97.916"}); today's
     *        counts up to now
     * @param downtimeSeconds downtime within the day in seconds (millisecond precision)
     * @param title tooltip text: date, availability and downtime
     */
    public record DayBar(LocalDate date, String level, String availability, BigDecimal downtimeSeconds, String title) {
    }

    /**
     * An incident that is not resolved.
     *
     * @param id incident id in incident-service
     * @param status {@code TRIGGERED}, {@code ACKNOWLEDGED} or {@code MITIGATED}
     * @param reason machine-readable reason, e.g. {@code head_stale}
     * @param startedAt start of the outage (UTC), or {@code null}
     * @param startedLabel {@code startedAt} for people, e.g. {@code 2026-11-21 05:40 UTC}
     */
    public record ActiveIncident(long id, String status, String reason, Instant startedAt, String startedLabel) {
    }
}
