package io.downtime.sla.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.security.Caller;
import io.downtime.common.security.ServiceScope;

/**
 * Object-level authorization (OWASP API1) of everything under {@code /api/v1/slas/{service}} ({@link ServiceInPath}
 * resources: the SLA, its report, Prometheus rules, anchors and their verification), by the token's
 * {@code services} claim ({@link ServiceScope}). For a service outside the claim:
 * <ul>
 * <li>{@code PUT} (create or replace the SLA, naming the service): {@code 403} problem+json;</li>
 * <li>every other method (reads, anchoring a report): {@code 404} problem+json {@code no SLA for service '…'}, the
 * answer for a service without an SLA, so whether it has one does not leak.</li>
 * </ul>
 * Decided from the path alone, before anything is read. The public {@code /status} page is not under these resources
 * and stays unscoped.
 */
@Provider
@ServiceInPath
public class ServiceScopeFilter implements ContainerRequestFilter {

    private final Caller caller;

    public ServiceScopeFilter(Caller caller) {
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ServiceScope scope = caller.scope();
        if (scope.isUnrestricted()) {
            return;
        }
        String service = request.getUriInfo().getPathParameters().getFirst("service");
        if (HttpMethod.PUT.equals(request.getMethod())) {
            scope.requireWritable(service);
        } else {
            scope.requireVisible(service, () -> ProblemException.notFound("no SLA for service '" + service + "'"));
        }
    }
}
