package io.downtime.sla.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What the customer pays per month; a report's credit amount is {@code amount × creditPercent / 100} (AWS and GCP
 * SLAs state credits as a percentage of the monthly bill of the affected service).
 *
 * @param amount non-negative decimal string, e.g. {@code "5000.00"} (see {@link Patterns#DECIMAL})
 * @param currency ISO-4217 or token code, e.g. {@code USD}, {@code USDC}
 */
public record MonthlyFee(
        @NotNull @Pattern(regexp = Patterns.DECIMAL, message = Patterns.DECIMAL_MESSAGE) String amount,
        @NotNull @Pattern(regexp = Patterns.CODE, message = Patterns.CODE_MESSAGE) String currency) {
}
