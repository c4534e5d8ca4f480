package io.downtime.sla.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.downtime.sla.report.SlaReport;

/**
 * CSV form of an {@link SlaReport} (RFC 4180, {@code text/csv}): one header line and one data line with the
 * summary; outages are only in the JSON form. Durations in seconds, percents in percent, empty cells for absent
 * revenue.
 *
 * <pre>
 * service,from,to,objectivePercent,periodSeconds,availabilityPercent,downtimeSeconds,errorBudgetTotalSeconds,
 * errorBudgetSpentSeconds,errorBudgetRemainingSeconds,revenueLossAmount,revenueLossCurrency,creditPercent,outages
 * </pre>
 */
public final class ReportCsv {

    /** Column names, in order. */
    public static final List<String> HEADER = List.of("service", "from", "to", "objectivePercent", "periodSeconds",
            "availabilityPercent", "downtimeSeconds", "errorBudgetTotalSeconds", "errorBudgetSpentSeconds",
            "errorBudgetRemainingSeconds", "revenueLossAmount", "revenueLossCurrency", "creditPercent", "outages");

    private ReportCsv() {
    }

    /** @return header and data line, each ending in CRLF */
    public static String format(SlaReport r) {
        boolean money = r.revenueLoss() != null;
        List<String> row = List.of(r.service(), r.from().toString(), r.to().toString(), num(r.objectivePercent()),
                num(r.periodSeconds()), num(r.availabilityPercent()), num(r.downtimeSeconds()),
                num(r.errorBudget().totalSeconds()), num(r.errorBudget().spentSeconds()),
                num(r.errorBudget().remainingSeconds()), money ? r.revenueLoss().amount() : "",
                money ? r.revenueLoss().currency() : "", num(r.creditPercent()), String.valueOf(r.outages().size()));
        return Stream.of(HEADER, row)
                .map(line -> line.stream().map(ReportCsv::cell).collect(Collectors.joining(",")) + "\r\n")
                .collect(Collectors.joining());
    }

    private static String num(BigDecimal value) {
        return value.toPlainString();
    }

    private static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
