package io.downtime.probe.support;

import java.time.Duration;

import io.downtime.probe.config.ProbeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link ProbeConfig} with its defaults, for plain unit tests (no Quarkus). */
public final class TestProbeConfig {

    private TestProbeConfig() {
    }

    public static ProbeConfig defaults() {
        return new SmallRyeConfigBuilder().withMapping(ProbeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()).build()
                .getConfigMapping(ProbeConfig.class);
    }
}
