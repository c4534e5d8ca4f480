package io.downtime.sla.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.problem.ProblemMappers;
import io.downtime.sla.model.SlaRequest;
import io.downtime.sla.model.SlaResponse;
import io.downtime.sla.model.SlaWindow;
import io.downtime.sla.model.SliQueries;
import io.downtime.sla.report.PrometheusRules;
import io.downtime.sla.report.SlaReport;
import io.downtime.sla.service.ReportService;
import io.downtime.sla.service.SlaService;
import io.smallrye.mutiny.Uni;

/**
 * SLA definitions and reports, {@code /api/v1/slas/{service}}. Errors are {@code application/problem+json} (RFC
 * 9457), see {@link ProblemMappers}. A service outside the token's {@code services} claim answers 404 like a service
 * without an SLA ({@code PUT}: 403), see {@link ServiceScopeFilter}.
 */
@Path("/api/v1/slas/{service}")
@Tag(name = "SLAs", description = "What the downtime cost against what was promised")
@ServiceInPath
public class SlaResource {

    /**
     * A service name in a path: no NUL character (U+0000), which PostgreSQL cannot store or compare in text; such a
     * name is refused with 422 instead of failing in the database (found by ApiFuzzTest).
     */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain NUL characters (U+0000)";

    /** Media type of the CSV report. */
    public static final String TEXT_CSV = "text/csv";
    /** Media type of the Prometheus rules. */
    public static final String TEXT_YAML = "text/yaml";

    /** Earliest instant accepted for {@code from}/{@code to}. */
    private static final Instant MIN_INSTANT = Instant.EPOCH;
    /** Latest instant accepted for {@code from}/{@code to}. */
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    private final SlaService slas;
    private final ReportService reports;

    public SlaResource(SlaService slas, ReportService reports) {
        this.slas = slas;
        this.reports = reports;
    }

    /**
     * Creates or replaces the SLA of a service.
     *
     * @return {@code 201} with {@code Location} when created, {@code 200} when replaced, both with the stored SLA;
     *         {@code 422} problem+json with {@code violations} when a rule of {@link SlaRequest} is broken (nothing
     *         stored); {@code 400} for malformed JSON; {@code 409} when a concurrent request created it first
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace the SLA of a service")
    public Uni<Response> put(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service,
            @Valid @NotNull SlaRequest request,
            @Context UriInfo uriInfo) {
        return slas.put(service, request)
                .onFailure(SlaService::isUniqueViolation)
                .transform(e -> ProblemException.conflict("the SLA of '" + service + "' was created concurrently; retry"))
                .map(stored -> stored.created()
                        ? Response.created(uriInfo.getAbsolutePath()).entity(stored.sla()).build()
                        : Response.ok(stored.sla()).build());
    }

    /** @return the SLA of a service; {@code 404} problem+json when it has none */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The SLA of a service")
    public Uni<SlaResponse> get(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service) {
        return slas.find(service);
    }

    /**
     * The report of a service over {@code [from, to)} (default: a rolling SLA window ending now, or the calendar
     * window in progress in the SLA's time zone), as JSON
     * ({@link SlaReport}) or, when the client prefers {@code text/csv}, as CSV ({@link ReportCsv}).
     *
     * @return {@code 200}; {@code 400} when {@code from}/{@code to} is not an ISO-8601 instant or {@code from ≥ to};
     *         {@code 404} without SLA; {@code 503} when incident-service is unavailable (502 when it rejects the call)
     */
    @GET
    @Path("/report")
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CSV })
    @Operation(summary = "Availability, downtime, error budget, revenue loss and credit over a period")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SlaReport.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    public Uni<Response> report(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service,
            @Parameter(description = "ISO-8601 instant, inclusive; default: to minus a rolling window, or the start of the calendar window") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default: now for a rolling window, the end of the calendar window") @QueryParam("to") String to,
            @Context HttpHeaders headers) {
        boolean csv = prefersCsv(headers);
        return Uni.createFrom().item(() -> new Instant[] { instant("from", from), instant("to", to) })
                .chain(range -> reports.report(service, range[0], range[1]))
                .map(report -> csv
                        ? Response.ok(ReportCsv.format(report), TEXT_CSV).build()
                        : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    /**
     * Prometheus recording and alerting rules for the SLA of a service, as Sloth generates them: SLI error ratios over
     * 5m … 3d from the SLA's {@code sli} queries (default: probe-service's {@code downtime_probes_total}), SLO
     * metadata, and the SRE Workbook multi-window multi-burn-rate alert {@code SlaErrorBudgetBurn} with
     * {@code severity: page} and {@code severity: ticket} (see {@link PrometheusRules}). Load it with
     * {@code rule_files} or wrap it in a {@code PrometheusRule} resource.
     *
     * @return {@code 200} {@code text/yaml}; {@code 404} problem+json when the service has no SLA
     */
    @GET
    @Path("/prometheus-rules")
    @Produces(TEXT_YAML)
    @Operation(summary = "Prometheus burn-rate recording and alerting rules for the SLA (YAML)")
    @APIResponse(responseCode = "200", description = "The rule file", content = @Content(mediaType = TEXT_YAML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> prometheusRules(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service) {
        return slas.find(service).map(sla -> {
            SlaWindow window = SlaWindow.parse(sla.window())
                    .orElseThrow(() -> new IllegalStateException("bad stored window " + sla.window()));
            SliQueries sli = sla.sli() != null ? sla.sli() : SliQueries.defaults();
            String yaml = PrometheusRules.yaml(service, sla.objective(), window, sli);
            return Response.ok(yaml, TEXT_YAML + ";charset=UTF-8").build();
        });
    }

    /** CSV only when an acceptable type matching text/csv ranks before any matching JSON ({@code *}/{@code *} is JSON). */
    private static boolean prefersCsv(HttpHeaders headers) {
        MediaType csv = MediaType.valueOf(TEXT_CSV);
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (acceptable.isCompatible(csv)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return {@code value} as an instant, {@code null} when absent; fails with 400 problem+json when it is not an
     *         ISO-8601 instant within 1970–9999
     */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException
                    .badRequest(name + ": '" + value + "' is not an ISO-8601 instant such as 2026-11-21T05:40:00Z");
        }
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            throw ProblemException.badRequest(name + ": must be between " + MIN_INSTANT + " and " + MAX_INSTANT);
        }
        return instant;
    }
}
