package io.downtime.sla.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.sla.config.SlaConfig;
import io.downtime.sla.report.SlaReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus gauge {@code sla_availability_ratio{service}}: the availability of the last report computed for a
 * service, as a ratio in [0, 1] (not a percent), whatever period that report covered. One time series per service
 * that has been reported on; off with {@code downtime.sla.metrics.enabled=false}.
 */
@ApplicationScoped
public class SlaMetrics {

    /** Micrometer name; Prometheus exposes it as {@code sla_availability_ratio}. */
    static final String AVAILABILITY = "sla.availability.ratio";

    private final MeterRegistry registry;
    private final SlaConfig config;
    /** Per service, the gauge's value as {@link Double#doubleToLongBits} bits. */
    private final ConcurrentMap<String, AtomicLong> availability = new ConcurrentHashMap<>();

    public SlaMetrics(MeterRegistry registry, SlaConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Sets the gauge of {@code report.service()} to the report's availability ratio. */
    public void record(SlaReport report) {
        if (!config.metrics().enabled()) {
            return;
        }
        availability.computeIfAbsent(report.service(), this::register)
                .set(Double.doubleToLongBits(report.availabilityRatio()));
    }

    private AtomicLong register(String service) {
        AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
        Gauge.builder(AVAILABILITY, bits, b -> Double.longBitsToDouble(b.get()))
                .description("Availability of the last SLA report computed for the service, ratio 0..1")
                .tag("service", service)
                .strongReference(true)
                .register(registry);
        return bits;
    }
}
