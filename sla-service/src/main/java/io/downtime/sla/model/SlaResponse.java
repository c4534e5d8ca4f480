package io.downtime.sla.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A stored SLA, as returned by {@code PUT} and {@code GET /api/v1/slas/{service}}: the request's shape plus the
 * service name and the time of the last change.
 *
 * @param service the service name (as incident-service knows it)
 * @param objective the SLO in percent, e.g. {@code 99.9}
 * @param window the default report window, normalised to whole days ({@code "P30D"})
 * @param revenue the revenue model, or {@code null} when none was given
 * @param creditTiers the credit tiers, ordered by {@code belowPercent} descending; empty when none were given
 * @param updatedAt when the SLA was last created or replaced (UTC, millisecond precision)
 */
public record SlaResponse(String service, BigDecimal objective, String window, Revenue revenue,
        List<CreditTier> creditTiers, Instant updatedAt) {
}
