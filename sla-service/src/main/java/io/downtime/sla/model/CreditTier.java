package io.downtime.sla.model;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

/**
 * One service credit tier, AWS-style (e.g. below 99.9 % → 10 %, below 99.0 % → 30 %, below 95.0 % → 100 %): when
 * the availability of a report is strictly below {@code belowPercent}, the customer is owed {@code creditPercent} of
 * the period's bill. Both values are percents, not ratios, with at most 10 fraction digits (PostgreSQL {@code numeric}
 * cannot store {@code 1e-20000}).
 *
 * @param belowPercent availability threshold in percent, in (0, 100], at most 10 fraction digits
 * @param creditPercent credit owed in percent of the bill, in [0, 100], at most 10 fraction digits
 */
public record CreditTier(
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 10) BigDecimal belowPercent,
        @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 10) BigDecimal creditPercent) {
}
