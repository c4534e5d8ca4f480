package io.downtime.common.problem;

/**
 * A failure with a known HTTP status, rendered as {@code application/problem+json} by {@link ProblemMappers}.
 * Thrown (or emitted as a failed {@code Uni}) by resources and services: 400 bad query parameters, 404 unknown id,
 * 409 conflict, 422 semantically invalid input, 502/503 when a service we call rejects or cannot serve a request.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException badGateway(String detail) {
        return new ProblemException(502, "Bad Gateway", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
