package io.downtime.sla.service;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.sla.config.SlaConfig;
import io.downtime.sla.report.SlaReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Prometheus gauges per service, each the value of the last report computed for it (by a request, whatever period
 * it covered, or by the scheduled refresh of {@link SlaMetricsRefresher}):
 * <ul>
 * <li>{@code sla_availability_ratio{service}}: availability as a ratio in [0, 1] (not a percent);</li>
 * <li>{@code sla_error_budget_remaining_ratio{service}}: remaining ÷ total error budget, 1 untouched, 0 spent,
 * negative when overspent;</li>
 * <li>{@code sla_burn_rate{service,window}}: burn rate over {@code 5m}, {@code 30m}, {@code 1h}, {@code 2h},
 * {@code 6h}, {@code 1d}, {@code 3d} (1 = spending exactly the budget; SRE Workbook ch. 5);</li>
 * <li>{@code sla_revenue_loss_total{service,currency}}: revenue lost in the report's period per currency (a gauge:
 * it falls when the period moves on); series of currencies the SLA no longer uses are removed.</li>
 * </ul>
 * Off with {@code downtime.sla.metrics.enabled=false}.
 */
@ApplicationScoped
public class SlaMetrics {

    /** Micrometer name; Prometheus exposes it as {@code sla_availability_ratio}. */
    static final String AVAILABILITY = "sla.availability.ratio";
    /** Micrometer name; Prometheus exposes it as {@code sla_error_budget_remaining_ratio}. */
    static final String BUDGET_REMAINING = "sla.error.budget.remaining.ratio";
    /** Micrometer name; Prometheus exposes it as {@code sla_burn_rate}. */
    static final String BURN_RATE = "sla.burn.rate";
    /** Micrometer name; Prometheus exposes it as {@code sla_revenue_loss_total}. */
    static final String REVENUE_LOSS = "sla.revenue.loss.total";

    private final MeterRegistry registry;
    private final SlaConfig config;
    /** Per service and series (name + tags), the gauge's value as {@link Double#doubleToLongBits} bits. */
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicLong>> values = new ConcurrentHashMap<>();
    /** Per service, the revenue loss gauges by currency (to remove those no longer reported). */
    private final ConcurrentMap<String, ConcurrentMap<String, Meter>> currencies = new ConcurrentHashMap<>();

    public SlaMetrics(MeterRegistry registry, SlaConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Sets the gauges of {@code report.service()} from the report. */
    public void record(SlaReport report) {
        if (!config.metrics().enabled()) {
            return;
        }
        String service = report.service();
        set(service, AVAILABILITY, "Availability of the last SLA report computed for the service, ratio 0..1",
                Tags.of("service", service), report.availabilityRatio());
        set(service, BUDGET_REMAINING,
                "Remaining error budget of the last SLA report, ratio of the total (negative when overspent)",
                Tags.of("service", service), report.errorBudget().remainingRatio());
        for (SlaReport.BurnRate rate : report.burnRates().windows()) {
            set(service, BURN_RATE,
                    "Error budget burn rate over the window ending at the last SLA report's end (1 = on budget)",
                    Tags.of("service", service, "window", rate.window()), rate.burnRate().doubleValue());
        }
        Set<String> reported = new HashSet<>();
        for (SlaReport.Money loss : report.revenueLossTotal()) {
            reported.add(loss.currency());
            Meter gauge = set(service, REVENUE_LOSS, "Revenue lost to downtime in the last SLA report's period, per currency",
                    Tags.of("service", service, "currency", loss.currency()), Double.parseDouble(loss.amount()));
            currencies.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).putIfAbsent(loss.currency(), gauge);
        }
        Map<String, Meter> seen = currencies.getOrDefault(service, new ConcurrentHashMap<>());
        seen.keySet().removeIf(currency -> {
            if (reported.contains(currency)) {
                return false;
            }
            registry.remove(seen.get(currency));
            values.get(service).remove(key(REVENUE_LOSS, Tags.of("service", service, "currency", currency)));
            return true;
        });
    }

    private Meter set(String service, String name, String description, Tags tags, double value) {
        ConcurrentMap<String, AtomicLong> series = values.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
        String key = key(name, tags);
        AtomicLong bits = series.get(key);
        Meter meter = null;
        if (bits == null) {
            AtomicLong created = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            meter = Gauge.builder(name, created, b -> Double.longBitsToDouble(b.get()))
                    .description(description)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            bits = series.putIfAbsent(key, created);
            if (bits == null) {
                bits = created;
            }
        } else {
            meter = registry.find(name).tags(tags).meter();
        }
        bits.set(Double.doubleToLongBits(value));
        return meter;
    }

    private static String key(String name, Tags tags) {
        return name + tags;
    }
}
