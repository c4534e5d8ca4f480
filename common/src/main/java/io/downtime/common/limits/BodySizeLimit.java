package io.downtime.common.limits;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} (every
 * service sets 1M; OWASP API4:2023) with {@code 413 Content Too Large} as {@code application/problem+json}, before any
 * of the body is read. Runs ahead of Quarkus' own limit handler, which would answer the same status with an empty body;
 * a chunked body without {@code Content-Length} that grows past the limit is still cut off by that handler (413, empty
 * body, connection closed).
 */
@Singleton
public class BodySizeLimit {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBytes) {
                String body = new JsonObject().put("type", "about:blank").put("title", "Content Too Large")
                        .put("status", 413).put("detail", "The request body (" + declared + " bytes) exceeds the limit of "
                                + maxBytes + " bytes.")
                        .encode();
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
        }
        ctx.next();
    }
}
