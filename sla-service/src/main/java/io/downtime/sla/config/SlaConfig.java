package io.downtime.sla.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * sla-service settings, prefix {@code downtime.sla}. The incident-service client is configured under
 * {@code quarkus.rest-client.incident.*} (url, timeouts) and its fault tolerance through MicroProfile Fault
 * Tolerance keys such as {@code io.downtime.sla.client.IncidentGateway/outages/Retry/maxRetries}.
 */
@ConfigMapping(prefix = "downtime.sla")
public interface SlaConfig {

    /** Metrics. */
    Metrics metrics();

    /** Metrics settings. */
    interface Metrics {

        /**
         * Whether reports set the Prometheus gauges of their service (labels {@code service}, plus {@code window} or
         * {@code currency}): {@code sla_availability_ratio} (ratio 0..1, not a percent),
         * {@code sla_error_budget_remaining_ratio} (remaining ÷ total budget; negative when overspent),
         * {@code sla_burn_rate{window="5m"|…|"3d"}} and {@code sla_revenue_loss_total{currency}} — each the value
         * of the last report computed for the service, and whether the scheduled refresh runs.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often every SLA's default report (its window ending now, or its calendar window in progress) is
         * recomputed to refresh the gauges, e.g. {@code 60s}, {@code 5m}. Each refresh asks incident-service once
         * per SLA.
         */
        @WithDefault("60s")
        Duration refresh();

        /** Delay before the first refresh after start-up, e.g. {@code 10s}. */
        @WithDefault("10s")
        Duration initialDelay();
    }
}
