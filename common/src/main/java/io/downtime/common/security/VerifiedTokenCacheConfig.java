package io.downtime.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The cache of verified bearer tokens ({@link VerifiedTokenCache}): a token that passed the full MP-JWT verification
 * (signature, issuer, expiry) is not verified again while it is cached, because an RS256 signature check and the
 * parsing of the claims cost more than the rest of a small request (a quarter of incident-service's CPU at 2,400
 * signals/s, async-profiler, issue 7). A cached token is still refused once its {@code exp} has passed.
 */
@ConfigMapping(prefix = "downtime.jwt.verified-token-cache")
public interface VerifiedTokenCacheConfig {

    /** Whether verified tokens are cached ({@code downtime.jwt.verified-token-cache.enabled}). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a verified token is used without verifying it again, at most (it also leaves the cache at its
     * {@code exp}). Bounds how long a token keeps working after its signing key was withdrawn from the verification
     * key set; default 60 seconds.
     */
    @WithDefault("60s")
    Duration ttl();

    /** Distinct tokens cached at most (least recently used are dropped first); default 1,000. */
    @WithDefault("1000")
    long maxSize();
}
