package io.downtime.sla.model;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One revenue model: how much money downtime costs, in {@code currency}. An SLA may sum several (see
 * {@link RevenueModels}). Amounts are decimal strings so no precision is lost on the way (see
 * {@link Patterns#DECIMAL}); only the fields of the chosen {@code model} may be given ({@link ValidRevenueModel}):
 * <ul>
 * <li>{@code flat}: {@code amountPerHour} — a constant amount per hour of downtime.
 * {@code {"model":"flat","amountPerHour":"3600.00","currency":"USD"}}</li>
 * <li>{@code volume}: {@code hourlyVolume} × {@code feeRate} — the volume traded per hour (24 values: hour of day
 * 0–23; or 168 values: hour of week, Monday 00:00–01:00 first), in the SLA's time zone, times the fee earned on it
 * as a ratio (0.003 = 0.3 %, not a percent), so an outage at the peak hour costs more than one at night.
 * {@code {"model":"volume","hourlyVolume":["120000",…24 values],"feeRate":"0.003","currency":"USDC"}}</li>
 * <li>{@code transactions}: {@code transactionsPerMinute} × {@code revenuePerTransaction} — the revenue of the
 * transactions that could not be made. {@code {"model":"transactions","transactionsPerMinute":"40",
 * "revenuePerTransaction":"0.25","currency":"USD"}}</li>
 * </ul>
 *
 * @param model {@code flat}, {@code volume} or {@code transactions}
 * @param amountPerHour {@code flat}: money lost per hour of downtime
 * @param hourlyVolume {@code volume}: 24 or 168 non-negative decimal strings, volume per hour in {@code currency}
 * @param feeRate {@code volume}: fee earned on the volume, a ratio in [0, 1]
 * @param transactionsPerMinute {@code transactions}: transactions per minute that downtime prevents
 * @param revenuePerTransaction {@code transactions}: money earned per transaction
 * @param currency ISO-4217 code ({@code USD}) or token code ({@code USDC}, {@code ETH}): 3 to 10 characters
 *        {@code [A-Z0-9]}
 */
@ValidRevenueModel
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Revenue(
        @NotNull @Pattern(regexp = "flat|volume|transactions", message = "must be \"flat\", \"volume\" or \"transactions\"") String model,
        @Pattern(regexp = Patterns.DECIMAL, message = Patterns.DECIMAL_MESSAGE) String amountPerHour,
        List<@NotNull @Pattern(regexp = Patterns.DECIMAL, message = Patterns.DECIMAL_MESSAGE) String> hourlyVolume,
        @Pattern(regexp = "(0(\\.\\d{1,10})?|1(\\.0{1,10})?)", message = "must be a ratio in [0, 1] as a decimal string such as \"0.003\"") String feeRate,
        @Pattern(regexp = Patterns.DECIMAL, message = Patterns.DECIMAL_MESSAGE) String transactionsPerMinute,
        @Pattern(regexp = Patterns.DECIMAL, message = Patterns.DECIMAL_MESSAGE) String revenuePerTransaction,
        @NotNull @Pattern(regexp = Patterns.CODE, message = Patterns.CODE_MESSAGE) String currency) {

    /** Model name of a constant amount per hour. */
    public static final String FLAT = "flat";
    /** Model name of an hourly volume profile times a fee rate. */
    public static final String VOLUME = "volume";
    /** Model name of transactions per minute times revenue per transaction. */
    public static final String TRANSACTIONS = "transactions";

    /** The foundation's constructor: a model with only an hourly amount (the {@code flat} model). */
    public Revenue(String model, String amountPerHour, String currency) {
        this(model, amountPerHour, null, null, null, null, currency);
    }

    /** A {@code flat} model. */
    public static Revenue flat(String amountPerHour, String currency) {
        return new Revenue(FLAT, amountPerHour, null, null, null, null, currency);
    }

    /** A {@code volume} model. */
    public static Revenue volume(List<String> hourlyVolume, String feeRate, String currency) {
        return new Revenue(VOLUME, null, hourlyVolume, feeRate, null, null, currency);
    }

    /** A {@code transactions} model. */
    public static Revenue transactions(String transactionsPerMinute, String revenuePerTransaction, String currency) {
        return new Revenue(TRANSACTIONS, null, null, null, transactionsPerMinute, revenuePerTransaction, currency);
    }
}
