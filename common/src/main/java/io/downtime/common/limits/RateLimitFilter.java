package io.downtime.common.limits;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.downtime.common.problem.ProblemMappers;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers {@code 429 Too Many Requests} ({@code application/problem+json}, with {@code Retry-After} in whole seconds,
 * RFC 9110 §10.2.3) to a client that exceeds its token bucket on {@code /api/**} (OWASP API4:2023). The client is the
 * authenticated subject ({@code sub}/{@code upn} of the verified bearer token, so one token is limited wherever it comes
 * from), or the remote address when the request has no identity (the integration intake endpoints, which authenticate
 * by integration key). Buckets ({@code Bucket4j}, greedy refill) live in a bounded Caffeine cache, so a flood of
 * distinct clients cannot exhaust memory. Limits: {@link RateLimitConfig}. Requests refused by authentication (401/403)
 * never reach this filter and consume nothing.
 */
@Singleton
public class RateLimitFilter {

    private final Instance<RateLimitConfig> configs;
    private volatile RateLimitConfig config;
    private volatile Cache<String, Bucket> buckets;

    /**
     * The configuration is read on the first request, not here: RESTEasy Reactive creates its filters during static
     * initialization, before runtime configuration mappings exist.
     */
    public RateLimitFilter(Instance<RateLimitConfig> configs) {
        this.configs = configs;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION + 10)
    public Response limit(RoutingContext ctx) {
        if (config == null) {
            init();
        }
        if (!config.enabled() || !ctx.normalizedPath().startsWith("/api/")) {
            return null;
        }
        ConsumptionProbe probe = buckets.get(client(ctx), k -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", "Too Many Requests");
        body.put("status", 429);
        body.put("detail", "Rate limit of " + config.requests() + " requests per " + config.period() + " (burst "
                + config.burst() + ") exceeded for this client; retry after " + retryAfter + " s.");
        return Response.status(429).type(ProblemMappers.PROBLEM_JSON).header("Retry-After", retryAfter).entity(body)
                .build();
    }

    private synchronized void init() {
        if (config == null) {
            RateLimitConfig c = configs.get();
            buckets = Caffeine.newBuilder().maximumSize(c.maxClients()).expireAfterAccess(c.idleExpiry()).build();
            config = c;
        }
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(config.burst())
                .refillGreedy(config.requests(), config.period()).build()).build();
    }

    static String client(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                return "sub:" + identity.getPrincipal().getName();
            }
        }
        var remote = ctx.request().remoteAddress();
        return "addr:" + (remote == null ? "unknown" : remote.hostAddress());
    }
}
