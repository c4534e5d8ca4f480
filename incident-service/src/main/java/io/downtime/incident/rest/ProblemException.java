package io.downtime.incident.rest;

/**
 * A failure with a known HTTP status, rendered as {@code application/problem+json} by {@link ProblemMappers}.
 * Thrown (or emitted as a failed {@code Uni}) by resources and services: 400 bad query parameter, 404 unknown id,
 * 409 conflict, 422 semantically invalid input.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
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

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
