package io.downtime.sla.model;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/slas/{service}}: what is promised to the users of one service.
 *
 * <pre>
 * {"objective":99.9,"window":"calendar-month","timeZone":"Europe/Berlin",
 *  "degradedWeight":0.5,"excludeCauses":["MAINTENANCE","CONSENSUS_DISRUPTION"],"minOutageSeconds":60,
 *  "revenue":[{"model":"flat","amountPerHour":"3600.00","currency":"USD"},
 *             {"model":"volume","hourlyVolume":["120000",… 24 or 168 values],"feeRate":"0.003","currency":"USDC"}],
 *  "monthlyFee":{"amount":"5000.00","currency":"USD"},
 *  "creditTiers":[{"belowPercent":99.9,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}],
 *  "sli":{"errorQuery":"…[{{.window}}]…","totalQuery":"…[{{.window}}]…"}}
 * </pre>
 *
 * Any violated rule makes the request fail with {@code 422} problem+json listing every violation; nothing is stored.
 * Only {@code objective} and {@code window} are required.
 *
 * @param objective the SLO in percent (not a ratio), strictly between 0 and 100, e.g. {@code 99.9}, with at most 10
 *        fraction digits (so {@code 1e-20000}, which PostgreSQL {@code numeric} cannot store, is a 422)
 * @param window rolling ({@code P7D}, {@code P28D}, {@code P30D}: any whole number of days from 1 to 366) or
 *        calendar ({@code calendar-month}, {@code calendar-week}); see {@link SlaWindow}
 * @param timeZone IANA time zone of calendar windows and of the hours of a {@code volume} revenue profile; default
 *        {@code UTC}
 * @param degradedWeight how much a second of {@code DEGRADED} counts as downtime, in [0, 1] with at most 10 fraction
 *        digits; default 0 (degraded time does not count)
 * @param excludeCauses outage causes that do not count against the SLA (listed in the report as excluded), from
 *        {@code TECHNICAL_FAILURE}, {@code NETWORK_CONGESTION}, {@code SECURITY_INCIDENT}, {@code MAINTENANCE},
 *        {@code SMART_CONTRACT}, {@code CONSENSUS_DISRUPTION}, {@code DEPENDENCY}, {@code UNKNOWN}, at most 8, duplicates
 *        dropped; {@code MAINTENANCE} also excludes outages incident-service flags as inside a declared maintenance
 *        window
 * @param minOutageSeconds outages shorter than this many seconds do not count (GCP SLAs count downtime periods of at
 *        least one minute: {@code 60}); 0 to 86400, default 0
 * @param revenue optional revenue models used to price downtime: one object or a list (see {@link RevenueModels})
 * @param monthlyFee optional monthly bill the credit percent applies to
 * @param creditTiers optional service credit tiers, AWS-style: {@code belowPercent} strictly decreasing and
 *        {@code creditPercent} strictly increasing down the list
 * @param sli optional PromQL error/total pair for the generated Prometheus rules; default: probe-service's counters
 */
public record SlaRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "100", inclusive = false) @Digits(integer = 3, fraction = 10) BigDecimal objective,
        @NotNull @ValidWindow String window,
        @ValidTimeZone String timeZone,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 10) BigDecimal degradedWeight,
        @Size(max = 8) List<@NotNull @Pattern(regexp = Patterns.CAUSE, message = Patterns.CAUSE_MESSAGE) String> excludeCauses,
        @Min(0) @Max(86_400) Long minOutageSeconds,
        @ValidRevenueModels @Valid RevenueModels revenue,
        @Valid MonthlyFee monthlyFee,
        @OrderedCreditTiers List<@NotNull @Valid CreditTier> creditTiers,
        @Valid SliQueries sli) {

    /**
     * The foundation's shape: objective, window, one revenue model and credit tiers; everything else defaults.
     */
    public SlaRequest(BigDecimal objective, String window, Revenue revenue, List<CreditTier> creditTiers) {
        this(objective, window, null, null, null, null, revenue == null ? null : RevenueModels.single(revenue), null,
                creditTiers, null);
    }
}
