package io.downtime.sla.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.downtime.sla.model.StatusPage;
import io.downtime.sla.service.StatusService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The public, read-only status page {@code GET /status}: server-rendered HTML (Qute template
 * {@code templates/StatusResource/status.html}), no JavaScript, readable on a phone. See {@link StatusService}.
 */
@Path("/status")
@Tag(name = "Status page", description = "Public service status")
public class StatusResource {

    /** Type-safe templates, checked at build time. */
    @CheckedTemplate
    static class Templates {
        /** @param page what to show */
        static native TemplateInstance status(StatusPage page);
    }

    private final StatusService status;

    public StatusResource(StatusService status) {
        this.status = status;
    }

    /**
     * @return {@code 200 text/html}: every shown service's state now, open incidents and daily uptime bars; when
     *         incident-service is unavailable the page still renders, with a notice instead of the missing data
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Public status page (HTML)")
    public Uni<String> page() {
        return status.page().chain(page -> Templates.status(page).createUni());
    }
}
