package io.downtime.incident.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The body of the incident transitions ({@code POST /api/v1/incidents/{id}/acknowledge}, ...) is optional: a POST
 * there with no body, whatever {@code Content-Type} the client put on it (none from {@code curl -X POST}, a form type
 * from some HTTP clients), is read as empty JSON, so it reaches the resource as "no body" instead of failing with
 * 415.
 */
public class DefaultJsonContentType {

    private static final String INCIDENTS = "/api/v1/incidents/";

    @ServerRequestFilter(preMatching = true)
    public void defaultToJson(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod()) && request.getUriInfo().getPath().startsWith(INCIDENTS)
                && (request.getMediaType() == null || hasNoBody(request))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    private static boolean hasNoBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") == null && (length == null || "0".equals(length.strip()));
    }
}
