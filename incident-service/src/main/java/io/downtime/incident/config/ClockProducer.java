package io.downtime.incident.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The server clock ({@code UTC}) used for {@code detectedAt}, {@code acknowledgedAt} and timeline times. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
