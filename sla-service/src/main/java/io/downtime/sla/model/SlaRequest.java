package io.downtime.sla.model;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /api/v1/slas/{service}}: what is promised to the users of one service.
 *
 * <pre>
 * {"objective":99.9,"window":"P30D",
 *  "revenue":{"model":"flat","amountPerHour":"3600.00","currency":"USD"},
 *  "creditTiers":[{"belowPercent":99.9,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}]}
 * </pre>
 *
 * Any violated rule makes the request fail with {@code 422} problem+json listing every violation; nothing is stored.
 *
 * @param objective the SLO in percent (not a ratio), strictly between 0 and 100, e.g. {@code 99.9}, with at most 10
 *        fraction digits (so {@code 1e-20000}, which PostgreSQL {@code numeric} cannot store, is a 422)
 * @param window the rolling window a report covers by default: an ISO-8601 duration of whole days from {@code P1D}
 *        to {@code P366D} (see {@link SlaWindows}); calendar windows come later
 * @param revenue optional revenue model used to price downtime
 * @param creditTiers optional service credit tiers, AWS-style: {@code belowPercent} strictly decreasing and
 *        {@code creditPercent} strictly increasing down the list
 */
public record SlaRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "100", inclusive = false) @Digits(integer = 3, fraction = 10) BigDecimal objective,
        @NotNull @ValidWindow String window,
        @Valid Revenue revenue,
        @OrderedCreditTiers List<@NotNull @Valid CreditTier> creditTiers) {
}
