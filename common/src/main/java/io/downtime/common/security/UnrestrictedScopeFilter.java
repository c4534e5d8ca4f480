package io.downtime.common.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses requests to {@link UnrestrictedScope} resources from a token restricted by a {@value ServiceScope#CLAIM}
 * claim: 403 {@code application/problem+json} (via {@link io.downtime.common.problem.ProblemMappers}). Runs after
 * authentication and the role policies.
 */
@Provider
@UnrestrictedScope
public class UnrestrictedScopeFilter implements ContainerRequestFilter {

    private final Caller caller;

    public UnrestrictedScopeFilter(Caller caller) {
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        caller.scope().requireUnrestricted("/" + request.getUriInfo().getPath().replaceFirst("^/", ""));
    }
}
