package io.downtime.incident.integration;

import java.util.Locale;
import java.util.Map;

import io.downtime.incident.domain.Severity;

/**
 * Maps the {@code severity} label of Prometheus alerts to {@link Severity}. There is no standard label value set;
 * besides the four PagerDuty values this accepts the spellings common in alerting rules (kube-prometheus uses
 * {@code critical}, {@code warning}, {@code info}, {@code none}). Missing or unknown values map to
 * {@link Severity#CRITICAL}: an alert someone routed here is paged rather than quietly downgraded.
 */
public final class Severities {

    private static final Map<String, Severity> LABELS = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL), Map.entry("crit", Severity.CRITICAL),
            Map.entry("page", Severity.CRITICAL), Map.entry("p1", Severity.CRITICAL),
            Map.entry("fatal", Severity.CRITICAL), Map.entry("emergency", Severity.CRITICAL),
            Map.entry("error", Severity.ERROR), Map.entry("err", Severity.ERROR),
            Map.entry("major", Severity.ERROR), Map.entry("high", Severity.ERROR), Map.entry("p2", Severity.ERROR),
            Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING),
            Map.entry("minor", Severity.WARNING), Map.entry("medium", Severity.WARNING),
            Map.entry("p3", Severity.WARNING),
            Map.entry("info", Severity.INFO), Map.entry("informational", Severity.INFO),
            Map.entry("low", Severity.INFO), Map.entry("none", Severity.INFO), Map.entry("p4", Severity.INFO),
            Map.entry("p5", Severity.INFO));

    private Severities() {
    }

    /** @return the severity for an alert label value (any case); {@link Severity#CRITICAL} when null or unknown */
    public static Severity fromLabel(String label) {
        if (label == null) {
            return Severity.CRITICAL;
        }
        return LABELS.getOrDefault(label.strip().toLowerCase(Locale.ROOT), Severity.CRITICAL);
    }

    /** @return the PagerDuty Events API v2 severity ({@code critical|error|warning|info}, exact), or null */
    public static Severity fromPagerDuty(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "critical" -> Severity.CRITICAL;
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> null;
        };
    }
}
