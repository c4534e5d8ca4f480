package io.downtime.probe.rpc;

/**
 * A JSON-RPC endpoint answered, but not with something a probe can use: a body that is not JSON
 * ({@code bad_response}) or one longer than {@code downtime.probe.evm.max-response-bytes} ({@code response_too_large}).
 * The answer is untrusted input (OWASP API10): it is bounded and parsed defensively, and the reason names the fault.
 */
public final class BadResponseException extends RuntimeException {

    private final String reason;

    private BadResponseException(String reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    /** The body was not JSON (garbage, truncated, binary). */
    public static BadResponseException notJson(Throwable cause) {
        return new BadResponseException("bad_response", "JSON-RPC answer is not JSON: " + cause.getMessage(), cause);
    }

    /** The body was longer than {@code limitBytes}. */
    public static BadResponseException tooLarge(int limitBytes) {
        return new BadResponseException("response_too_large", "JSON-RPC answer larger than " + limitBytes + " bytes",
                null);
    }

    /** The probe reason: {@code bad_response} or {@code response_too_large}. */
    public String reason() {
        return reason;
    }
}
