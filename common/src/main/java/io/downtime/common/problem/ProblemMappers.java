package io.downtime.common.problem;

import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every failure to an RFC 9457 {@code application/problem+json} body: {@code type}, {@code title},
 * {@code status}, {@code detail} and, for validation failures, {@code violations} as
 * {@code [{"field": "...", "message": "..."}]}. Never writes a stack trace to the client. Shared by every service:
 * this jar carries a {@code beans.xml} so that Quarkus indexes it and registers the mappers.
 * <p>
 * One kind of refusal cannot be problem+json: a request whose request line exceeds
 * {@code quarkus.http.limits.max-initial-line-length} (4096 bytes) or whose headers exceed
 * {@code quarkus.http.limits.max-header-size} (20K) fails in Vert.x's HTTP decoder, before any route, filter or mapper
 * runs, and gets Vert.x's default answer: {@code 414} resp. {@code 431} with an empty body, connection closed (no stack
 * trace, nothing read or stored). Vert.x's hook for such requests, {@code HttpServer#invalidRequestHandler}, is on the
 * server object that Quarkus 3.29 creates inside its HTTP verticle and does not expose; {@code HttpServerOptionsCustomizer}
 * and the {@code HttpServerStart} event see only the options (quarkusio/quarkus#55082 asks for the hook). Raising the
 * decoder limits and re-checking lower ones in a route would only move the edge, so the services keep Vert.x's answer;
 * MalformedRequestTest in each service pins the status codes.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Media type of RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return problem(e.status(), e.title(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", leaf(v.getPropertyPath().toString()), "message", v.getMessage()))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        String detail = violations.stream().map(v -> v.get("field") + ": " + v.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return problem(422, "Validation failed", detail, violations);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(400, "Malformed JSON", e.getOriginalMessage(), null);
    }

    /**
     * Wrong JSON types (e.g. a string where a number belongs). Declared separately because quarkus-rest-jackson
     * registers a built-in mapper for this more specific type, which would otherwise answer with its own shape.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        return problem(400, "Malformed JSON", (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // quarkus-rest-jackson wraps syntax errors of the body in a 400 WebApplicationException
            return json(json);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        return problem(status, title, e.getMessage(), null);
    }

    /**
     * No or an invalid bearer token, noticed inside a resource (e.g. {@code @RolesAllowed}): 401 with
     * {@code WWW-Authenticate: Bearer}. Refusals of the HTTP path policies are answered by
     * {@link io.downtime.common.security.SecurityProblems}.
     */
    @ServerExceptionMapper({ io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(problem(401, "Unauthorized",
                "A valid bearer token is required (Authorization: Bearer <JWT>); it is missing, expired or not signed by a trusted key.",
                null)).header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token without the role the endpoint needs: 403. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return problem(403, "Forbidden", "The token's roles (groups claim) do not allow this request.", null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unhandled error", e);
        return problem(500, "Internal Server Error", "An unexpected error occurred; see the server log.", null);
    }

    static Response problem(int status, String title, String detail, Object violations) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (violations != null) {
            body.put("violations", violations);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    private static String leaf(String path) {
        // "create.request.evm.chainId" -> "evm.chainId" (drop method and parameter names);
        // "put.request.creditTiers[0].<list element>" -> "creditTiers[0]" (drop container element nodes)
        String[] parts = path.replaceAll("\\.<[^>]*>", "").split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }
}
