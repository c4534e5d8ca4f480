package io.downtime.sla.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * Multi-window, multi-burn-rate alerting as the Google SRE Workbook recommends it (ch. 5 "Alerting on SLOs",
 * table 5-8) and Sloth generates it. The burn rate over a window is the error ratio over that window divided by the
 * error budget ratio {@code 1 − SLO}: 1 spends exactly the budget over the SLA window. An alert fires when the burn
 * rate is above its threshold over a long window (enough budget spent to matter) <em>and</em> over a short window
 * (still burning, so it resets quickly):
 * <table>
 * <caption>Alerts</caption>
 * <tr>
 * <th>severity</th>
 * <th>long</th>
 * <th>short</th>
 * <th>factor (30 d)</th>
 * <th>budget spent over long window</th>
 * </tr>
 * <tr>
 * <td>page</td>
 * <td>1h</td>
 * <td>5m</td>
 * <td>14.4</td>
 * <td>2 %</td>
 * </tr>
 * <tr>
 * <td>page</td>
 * <td>6h</td>
 * <td>30m</td>
 * <td>6</td>
 * <td>5 %</td>
 * </tr>
 * <tr>
 * <td>ticket</td>
 * <td>1d</td>
 * <td>2h</td>
 * <td>3</td>
 * <td>10 %</td>
 * </tr>
 * <tr>
 * <td>ticket</td>
 * <td>3d</td>
 * <td>6h</td>
 * <td>1</td>
 * <td>10 %</td>
 * </tr>
 * </table>
 * The factors are those of a 30-day SLA window; for other windows they scale with its length, as Sloth does:
 * {@code threshold = factor × windowDays / 30}, rounded half-even to 6 decimals (a 7-day SLA pages at 3.36×). A
 * calendar month counts as 30 days and a calendar week as 7.
 */
public final class BurnRatePolicy {

    /** Decimals of a scaled threshold. */
    static final int THRESHOLD_SCALE = 6;
    private static final BigDecimal THIRTY = BigDecimal.valueOf(30);

    /**
     * A burn-rate window.
     *
     * @param name Prometheus duration, e.g. {@code 5m}, {@code 1d}
     * @param length its length
     */
    public record Window(String name, Duration length) {
    }

    /**
     * One multi-window alert condition.
     *
     * @param severity {@code page} or {@code ticket}
     * @param longWindow the window that proves enough budget is spent
     * @param shortWindow the window that proves it is still being spent
     * @param factor the burn-rate factor for a 30-day SLA window
     */
    public record Alert(String severity, Window longWindow, Window shortWindow, BigDecimal factor) {

        /** @return the threshold for an SLA window of {@code windowDays} days */
        public BigDecimal threshold(int windowDays) {
            return BurnRatePolicy.threshold(factor, windowDays);
        }
    }

    /** Severity of an alert that wakes someone up. */
    public static final String PAGE = "page";
    /** Severity of an alert that opens a ticket. */
    public static final String TICKET = "ticket";
    /** Alert state when neither fires. */
    public static final String OK = "ok";

    public static final Window M5 = new Window("5m", Duration.ofMinutes(5));
    public static final Window M30 = new Window("30m", Duration.ofMinutes(30));
    public static final Window H1 = new Window("1h", Duration.ofHours(1));
    public static final Window H2 = new Window("2h", Duration.ofHours(2));
    public static final Window H6 = new Window("6h", Duration.ofHours(6));
    public static final Window D1 = new Window("1d", Duration.ofDays(1));
    public static final Window D3 = new Window("3d", Duration.ofDays(3));

    /** The windows burn rates are computed over, shortest first. */
    public static final List<Window> WINDOWS = List.of(M5, M30, H1, H2, H6, D1, D3);
    /** The longest window (how far before a report's end outages are needed). */
    public static final Duration LONGEST = D3.length();

    /** The alert conditions, SRE Workbook table 5-8. */
    public static final List<Alert> ALERTS = List.of(
            new Alert(PAGE, H1, M5, new BigDecimal("14.4")),
            new Alert(PAGE, H6, M30, new BigDecimal("6")),
            new Alert(TICKET, D1, H2, new BigDecimal("3")),
            new Alert(TICKET, D3, H6, new BigDecimal("1")));

    private BurnRatePolicy() {
    }

    /** @return {@code factor × windowDays / 30}, half-even to 6 decimals, without trailing zeros */
    public static BigDecimal threshold(BigDecimal factor, int windowDays) {
        BigDecimal scaled = factor.multiply(BigDecimal.valueOf(windowDays)).divide(THIRTY, THRESHOLD_SCALE,
                RoundingMode.HALF_EVEN);
        BigDecimal stripped = scaled.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
