package io.downtime.incident.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Incident semantics, under {@code downtime.incident.*}. */
@ConfigMapping(prefix = "downtime.incident")
public interface IncidentConfig {

    /**
     * Share of the reporting regions of a target whose DOWN reports must be strictly exceeded for the target to be
     * globally DOWN, in {@code [0, 1)}. {@code 0.5} (default) is a strict majority: 1 of 1, 2 of 3, not 1 of 2.
     */
    @WithDefault("0.5")
    @DecimalMin("0.0")
    @DecimalMax(value = "1.0", inclusive = false)
    double quorum();

    /** Actor recorded on manual transitions whose request names none. */
    @WithDefault("api")
    @NotBlank
    String defaultActor();

    /** Actor recorded on automatic transitions (outage opened, moved, ended). */
    @WithDefault("system")
    @NotBlank
    String systemActor();

    /** Default and maximum number of incidents returned by {@code GET /api/v1/incidents}. */
    @WithDefault("200")
    @Min(1)
    @Max(10000)
    int maxListSize();

    /**
     * How far ahead of the server clock a signal's {@code confirmedAt} may be (the regions' clocks drift apart): a
     * signal confirmed later than now plus this skew is rejected with 422, so that a region with a broken clock cannot
     * write outages into the future. Default 5 minutes; not negative.
     */
    @WithDefault("5m")
    @DurationMin
    Duration allowedClockSkew();
}
