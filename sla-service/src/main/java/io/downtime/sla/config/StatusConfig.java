package io.downtime.sla.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The public status page {@code GET /status}, prefix {@code downtime.sla.status}. */
@ConfigMapping(prefix = "downtime.sla.status")
public interface StatusConfig {

    /**
     * Services shown, in this order (those without an SLA are left out). Default: every service that has an SLA,
     * ordered by name. A public page usually lists only the customer-facing services.
     */
    Optional<List<String>> services();

    /** Days of uptime history: one bar per UTC day, today (so far) included. */
    @WithDefault("90")
    @Min(1)
    @Max(366)
    int days();

    /** At most this many services are looked up in incident-service at the same time. */
    @WithDefault("4")
    @Min(1)
    int concurrency();
}
