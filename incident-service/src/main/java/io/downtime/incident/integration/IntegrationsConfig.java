package io.downtime.incident.integration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Event ingestion from integrations, under {@code downtime.integrations.*}. */
@ConfigMapping(prefix = "downtime.integrations")
public interface IntegrationsConfig {

    /** {@code POST /v2/enqueue} (PagerDuty Events API v2). */
    PagerDuty pagerduty();

    interface PagerDuty {

        /**
         * Events accepted per routing key per minute (token bucket refilled whole once a minute, so a burst may use the
         * minute's
         * allowance); more get 429. Default 120, PagerDuty's documented limit per integration key. Counted per
         * incident-service replica.
         */
        @WithDefault("120")
        @Min(1)
        int eventsPerMinute();

        /** Largest accepted event body, in bytes; larger gets 400. Default 524288 (PagerDuty's 512 KB). */
        @WithDefault("524288")
        @Min(1024)
        @Max(10485760)
        int maxEventBytes();
    }
}
