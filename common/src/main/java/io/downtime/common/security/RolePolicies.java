package io.downtime.common.security;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The four role policies the path permissions of every service refer to
 * ({@code quarkus.http.auth.permission.<name>.policy=viewer|responder|admin|prober}), with the role hierarchy:
 * <ul>
 * <li>{@code viewer} — read: granted to {@code viewer}, {@code responder}, {@code admin};</li>
 * <li>{@code responder} — incident lifecycle (acknowledge, mitigate, resolve, notes, postmortems): {@code responder},
 * {@code admin};</li>
 * <li>{@code admin} — configuration (targets, services, SLAs, maintenance windows, webhooks, anchors, integrations)
 * and any {@code /api/} path no other rule names;</li>
 * <li>{@code prober} — signal and heartbeat intake: {@code prober} only (a probe-service token reads nothing).</li>
 * </ul>
 * Roles come from the token's {@code groups} claim. A request without a token (anonymous) fails with
 * {@link UnauthorizedException} and one with the wrong roles is denied (403); {@link SecurityProblems} renders both
 * as problem+json (the built-in roles-allowed policies would send an empty 401 challenge instead).
 */
@Singleton
public class RolePolicies {

    @Produces
    @Singleton
    @Unremovable
    HttpSecurityPolicy viewer() {
        return new RolePolicy("viewer", Set.of("viewer", "responder", "admin"));
    }

    @Produces
    @Singleton
    @Unremovable
    HttpSecurityPolicy responder() {
        return new RolePolicy("responder", Set.of("responder", "admin"));
    }

    @Produces
    @Singleton
    @Unremovable
    HttpSecurityPolicy admin() {
        return new RolePolicy("admin", Set.of("admin"));
    }

    @Produces
    @Singleton
    @Unremovable
    HttpSecurityPolicy prober() {
        return new RolePolicy("prober", Set.of("prober"));
    }

    /** Permits an identity holding any of {@code granted}; anonymous: 401, otherwise: 403. */
    record RolePolicy(String name, Set<String> granted) implements HttpSecurityPolicy {

        @Override
        public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                AuthorizationRequestContext context) {
            return identity.onItem().transformToUni(id -> {
                if (id == null || id.isAnonymous()) {
                    return Uni.createFrom().failure(new UnauthorizedException());
                }
                return Uni.createFrom()
                        .item(granted.stream().anyMatch(id::hasRole) ? CheckResult.PERMIT : CheckResult.DENY);
            });
        }
    }
}
