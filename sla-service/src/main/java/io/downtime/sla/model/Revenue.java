package io.downtime.sla.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * How much money an hour of downtime costs. Only the {@code flat} model exists so far: a constant amount per hour
 * (hourly volume profiles and per-transaction models come later).
 *
 * @param model {@code "flat"}
 * @param amountPerHour a non-negative decimal string (no sign, no exponent, at most 20 integer and 10 fraction
 *        digits), e.g. {@code "3600.00"}; a string so no precision is lost on the way
 * @param currency an ISO-4217 code ({@code USD}) or a token code ({@code USDC}): 3 to 10 characters
 *        {@code [A-Z0-9]}
 */
public record Revenue(
        @NotNull @Pattern(regexp = "flat", message = "must be \"flat\" (the only revenue model so far)") String model,
        @NotNull @Pattern(regexp = "\\d{1,20}(\\.\\d{1,10})?", message = "must be a non-negative decimal string such as \"3600.00\"") String amountPerHour,
        @NotNull @Pattern(regexp = "[A-Z0-9]{3,10}", message = "must be 3 to 10 characters A-Z or 0-9 (ISO-4217 or token code)") String currency) {
}
