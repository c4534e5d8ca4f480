package io.downtime.sla.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A stored SLA, as returned by {@code PUT} and {@code GET /api/v1/slas/{service}}: the request's shape with the
 * defaults filled in, plus the service name and the time of the last change.
 *
 * @param service the service name (as incident-service knows it)
 * @param objective the SLO in percent, e.g. {@code 99.9}
 * @param window the window, rolling normalised to whole days ({@code "P30D"}) or {@code "calendar-month"} /
 *        {@code "calendar-week"}
 * @param timeZone IANA time zone of calendar windows and volume profiles ({@code "UTC"} by default)
 * @param degradedWeight weight of {@code DEGRADED} seconds, in [0, 1] ({@code 0} by default)
 * @param excludeCauses excluded outage causes, in the order given without duplicates; empty when none
 * @param minOutageSeconds outages shorter than this do not count ({@code 0} by default)
 * @param revenue the revenue models in the form given (one object or a list), or {@code null} when none was given
 * @param monthlyFee the monthly bill credits apply to, or {@code null}
 * @param creditTiers the credit tiers, ordered by {@code belowPercent} descending; empty when none were given
 * @param sli the PromQL SLI of the generated rules, or {@code null} for the defaults ({@link SliQueries#defaults()})
 * @param updatedAt when the SLA was last created or replaced (UTC, millisecond precision)
 */
public record SlaResponse(String service, BigDecimal objective, String window, String timeZone,
        BigDecimal degradedWeight, List<String> excludeCauses, long minOutageSeconds, RevenueModels revenue,
        MonthlyFee monthlyFee, List<CreditTier> creditTiers, SliQueries sli, Instant updatedAt) {
}
