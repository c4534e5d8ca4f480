package io.downtime.common.security;

import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers the HTTP security layer's refusals (the path policies in each service's {@code application.properties})
 * with RFC 9457 {@code application/problem+json} instead of an empty body:
 * <ul>
 * <li>{@code 401 Unauthorized} with {@code WWW-Authenticate: Bearer} when the request carries no bearer token, or one
 * that is expired, not yet valid, from another issuer or badly signed;</li>
 * <li>{@code 403 Forbidden} when the token is valid but its {@code groups} claim lacks the role the path needs.</li>
 * </ul>
 * The detail never echoes the token or a stack trace. Failures of any other kind are passed on untouched.
 */
public class SecurityProblems {

    /** Media type of RFC 9457 problem details. */
    static final String PROBLEM_JSON = "application/problem+json";

    void register(@Observes Router router) {
        // before Quarkus' own security failure handler, which would answer 401/403 with an empty body
        router.route().order(Integer.MIN_VALUE).failureHandler(SecurityProblems::handle);
    }

    static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            send(ctx, 401, "Unauthorized",
                    "A valid bearer token is required (Authorization: Bearer <JWT>); it is missing, expired or not signed by a trusted key.");
        } else if (failure instanceof ForbiddenException) {
            send(ctx, 403, "Forbidden", "The token's roles (groups claim) do not allow " + ctx.request().method() + " "
                    + ctx.normalizedPath() + ".");
        } else {
            ctx.next();
        }
    }

    private static void send(RoutingContext ctx, int status, String title, String detail) {
        String body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).encode();
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON).end(body);
    }
}
