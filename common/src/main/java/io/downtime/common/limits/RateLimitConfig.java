package io.downtime.common.limits;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-client rate limit of the {@code /api/**} endpoints (OWASP API4:2023, unrestricted resource consumption), enforced
 * by {@link RateLimitFilter}: a token bucket per client (the bearer token's subject, or the remote address for requests
 * without an authenticated identity) holding {@link #burst()} requests, refilled with {@link #requests()} per
 * {@link #period()}. The
 * defaults are generous on purpose: probe-service's signal traffic and the load benchmark (≥ 5,000 signals/s from one
 * client, issue 7) must never be throttled; operators lower them per deployment.
 */
@ConfigMapping(prefix = "downtime.rate-limit")
public interface RateLimitConfig {

    /** Whether the limit is enforced ({@code downtime.rate-limit.enabled}); off in the tests' {@code %test} profile. */
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests per client per {@link #period()} (the refill of its bucket); default 10,000 per second. */
    @WithDefault("10000")
    long requests();

    /** The period {@link #requests()} refers to. */
    @WithDefault("1s")
    Duration period();

    /** Requests a client may send at once after being idle (the bucket's capacity). */
    @WithDefault("20000")
    long burst();

    /** Clients remembered at most (least recently seen are forgotten, i.e. start again with a full bucket). */
    @WithDefault("100000")
    long maxClients();

    /** A client idle this long is forgotten. */
    @WithDefault("10m")
    Duration idleExpiry();
}
