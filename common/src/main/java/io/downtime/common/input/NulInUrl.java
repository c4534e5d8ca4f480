package io.downtime.common.input;

import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose path or query carries a percent-encoded NUL ({@code %00}) with {@code 400 Bad Request} as
 * {@code application/problem+json}, before authentication or any resource runs. No value of this API may contain U+0000:
 * PostgreSQL stores none in {@code text} (SQLSTATE 22021), so a NUL that reached a query (e.g.
 * {@code GET /api/v1/incidents?service=%00}, found by incident-service's ApiFuzzTest, seed 1851965518454) failed in the
 * database with a 500. JSON bodies are guarded by their own {@code @NoNul} validation (422).
 */
@Singleton
public class NulInUrl {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.toLowerCase(Locale.ROOT).contains("%00")) {
            String body = new JsonObject().put("type", "about:blank").put("title", "Bad Request").put("status", 400)
                    .put("detail", "The request path or query contains a NUL character (%00), which no value may hold.")
                    .encode();
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(body);
            return;
        }
        ctx.next();
    }
}
