package io.downtime.sla.config;

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
         * Whether computing a report sets the Prometheus gauge {@code sla_availability_ratio{service}}: the
         * availability of the last report computed for the service, as a ratio in [0, 1] (not a percent).
         */
        @WithDefault("true")
        boolean enabled();
    }
}
