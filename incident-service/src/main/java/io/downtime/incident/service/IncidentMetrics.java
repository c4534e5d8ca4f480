package io.downtime.incident.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus metrics of the incident lifecycle (Micrometer; names as Prometheus shows them):
 * <ul>
 * <li>{@code incident_mttd_seconds{service}} histogram: time to detect, impact start → detection, recorded when an
 * incident is opened;</li>
 * <li>{@code incident_mtta_seconds{service}} histogram: time to acknowledge, detection → acknowledge, recorded on
 * acknowledge;</li>
 * <li>{@code incident_mttr_seconds{service}} histogram: time to restore, impact start → impact end (the probe-measured
 * outage end; the resolve time when the incident has no end), recorded when the incident is resolved;</li>
 * <li>{@code incidents_open{severity}} gauge: open incidents per severity, refreshed by the scheduled check;</li>
 * <li>{@code regions_stale} gauge: regions whose heartbeat timed out (prober problems: their signals are left
 * out), and {@code regions_heartbeating}, refreshed by the scheduled check.</li>
 * </ul>
 * Incidents that page nobody (maintenance, cascades) are left out of the histograms, as from
 * {@code GET /api/v1/services/{s}/metrics}. Negative durations (times edited by hand) are not recorded.
 */
@ApplicationScoped
public class IncidentMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final AtomicLong staleRegions = new AtomicLong();
    private final AtomicLong heartbeatingRegions = new AtomicLong();

    public IncidentMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Severity s : Severity.values()) {
            String severity = s.name().toLowerCase(Locale.ROOT);
            AtomicLong value = new AtomicLong();
            open.put(severity, value);
            Gauge.builder("incidents.open", value, AtomicLong::get)
                    .description("Open (not RESOLVED) incidents by severity")
                    .tag("severity", severity)
                    .register(registry);
        }
        Gauge.builder("regions.stale", staleRegions, AtomicLong::get)
                .description("Regions whose probe-service heartbeat timed out (prober problems; their signals are left out)")
                .register(registry);
        Gauge.builder("regions.heartbeating", heartbeatingRegions, AtomicLong::get)
                .description("Regions with a probe-service instance heartbeating within its timeout")
                .register(registry);
    }

    /** Sets the region gauges. */
    public void regions(int stale, int heartbeating) {
        staleRegions.set(stale);
        heartbeatingRegions.set(heartbeating);
    }

    /** Records MTTD of a newly opened incident. */
    public void opened(Incident i) {
        record("incident.mttd", "Time to detect: impact start to detection", i, i.startedAt, i.detectedAt);
    }

    /** Records MTTA of a just acknowledged incident. */
    public void acknowledged(Incident i) {
        record("incident.mtta", "Time to acknowledge: detection to acknowledge", i, i.detectedAt, i.acknowledgedAt);
    }

    /** Records MTTR of a just resolved incident. */
    public void resolved(Incident i) {
        record("incident.mttr", "Time to restore: impact start to impact end (or resolve)", i, i.startedAt,
                i.endedAt != null ? i.endedAt : i.resolvedAt);
    }

    /** Sets the open-incident gauges; severities absent from {@code counts} become 0. */
    public void openIncidents(Map<String, Long> counts) {
        open.forEach((severity, value) -> value.set(counts.getOrDefault(severity, 0L)));
    }

    private void record(String name, String description, Incident i, Instant from, Instant to) {
        if (!i.paged || from == null || to == null || to.isBefore(from)) {
            return;
        }
        Timer.builder(name).description(description).tag("service", i.service).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(7))
                .register(registry).record(Duration.between(from, to));
    }
}
