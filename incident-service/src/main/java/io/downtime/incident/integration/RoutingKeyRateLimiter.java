package io.downtime.incident.integration;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per routing key rate limit of {@code POST /v2/enqueue}: one Bucket4j token bucket per integration key digest
 * ({@code downtime.integrations.pagerduty.events-per-minute} tokens, all refilled once a minute). Buckets exist
 * only for keys that authenticated, so their number is bounded by the number of integration keys. In memory: each
 * replica counts on its own.
 */
@ApplicationScoped
public class RoutingKeyRateLimiter {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    public RoutingKeyRateLimiter(IntegrationsConfig config) {
        this.perMinute = config.pagerduty().eventsPerMinute();
    }

    /**
     * Takes one token for the key.
     *
     * @param keySha256 digest of the routing key
     * @return 0 when the event may pass, else the whole seconds (at least 1) until a token is available
     */
    public long tryAcquire(String keySha256) {
        Bucket bucket = buckets.computeIfAbsent(keySha256, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }
}
