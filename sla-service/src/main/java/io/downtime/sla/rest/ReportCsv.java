package io.downtime.sla.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.downtime.sla.report.SlaReport;

/**
 * CSV form of an {@link SlaReport} (RFC 4180, {@code text/csv}): one header line and one data line with the
 * summary; outages are only in the JSON form. Durations in seconds, percents in percent, ratios as ratios, empty
 * cells for absent values. The foundation's 14 columns come first, unchanged; the SLO engine's follow:
 *
 * <pre>
 * service,from,to,objectivePercent,periodSeconds,availabilityPercent,downtimeSeconds,errorBudgetTotalSeconds,
 * errorBudgetSpentSeconds,errorBudgetRemainingSeconds,revenueLossAmount,revenueLossCurrency,creditPercent,outages,
 * window,timeZone,elapsedSeconds,degradedSeconds,degradedWeight,weightedDowntimeSeconds,excludedSeconds,exclusions,
 * errorBudgetSpentPercent,errorBudgetRemainingPercent,revenueLossByModel,revenueLossTotal,creditAmount,
 * creditCurrency,burnRateState,burnRate5m,burnRate30m,burnRate1h,burnRate2h,burnRate6h,burnRate1d,burnRate3d,
 * outagesExcluded
 * </pre>
 *
 * {@code revenueLossAmount}/{@code revenueLossCurrency} are the total when all models share one currency (else
 * empty; see {@code revenueLossTotal}). List cells are {@code ;}-separated: {@code exclusions} as
 * {@code REASON=seconds}, {@code revenueLossByModel} as {@code model=amount CUR}, {@code revenueLossTotal} as
 * {@code amount CUR}.
 */
public final class ReportCsv {

    /** Column names, in order. */
    public static final List<String> HEADER = List.of("service", "from", "to", "objectivePercent", "periodSeconds",
            "availabilityPercent", "downtimeSeconds", "errorBudgetTotalSeconds", "errorBudgetSpentSeconds",
            "errorBudgetRemainingSeconds", "revenueLossAmount", "revenueLossCurrency", "creditPercent", "outages",
            "window", "timeZone", "elapsedSeconds", "degradedSeconds", "degradedWeight", "weightedDowntimeSeconds",
            "excludedSeconds", "exclusions", "errorBudgetSpentPercent", "errorBudgetRemainingPercent",
            "revenueLossByModel", "revenueLossTotal", "creditAmount", "creditCurrency", "burnRateState", "burnRate5m",
            "burnRate30m", "burnRate1h", "burnRate2h", "burnRate6h", "burnRate1d", "burnRate3d", "outagesExcluded");

    private ReportCsv() {
    }

    /** @return header and data line, each ending in CRLF */
    public static String format(SlaReport r) {
        boolean money = r.revenueLoss() != null;
        boolean credit = r.creditAmount() != null;
        List<String> row = new ArrayList<>(List.of(r.service(), r.from().toString(), r.to().toString(),
                num(r.objectivePercent()), num(r.periodSeconds()), num(r.availabilityPercent()), num(r.downtimeSeconds()),
                num(r.errorBudget().totalSeconds()), num(r.errorBudget().spentSeconds()),
                num(r.errorBudget().remainingSeconds()), money ? r.revenueLoss().amount() : "",
                money ? r.revenueLoss().currency() : "", num(r.creditPercent()), String.valueOf(r.outages().size())));
        row.addAll(List.of(r.window(), r.timeZone(), num(r.elapsedSeconds()), num(r.degradedSeconds()),
                num(r.degradedWeight()), num(r.weightedDowntimeSeconds()), num(r.excludedSeconds()),
                r.exclusions().stream().map(e -> e.reason() + "=" + num(e.seconds())).collect(Collectors.joining(";")),
                num(r.errorBudget().spentPercent()), num(r.errorBudget().remainingPercent()),
                r.revenueLossByModel().stream().map(m -> m.model() + "=" + m.amount() + " " + m.currency())
                        .collect(Collectors.joining(";")),
                r.revenueLossTotal().stream().map(m -> m.amount() + " " + m.currency()).collect(Collectors.joining(";")),
                credit ? r.creditAmount().amount() : "", credit ? r.creditAmount().currency() : "",
                r.burnRates().state()));
        r.burnRates().windows().forEach(w -> row.add(num(w.burnRate())));
        row.add(String.valueOf(r.outagesExcluded()));
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
