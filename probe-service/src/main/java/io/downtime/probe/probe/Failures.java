package io.downtime.probe.probe;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.web3j.protocol.exceptions.ClientConnectionException;

import io.downtime.probe.rpc.BadResponseException;

/** Maps transport failures of a probe to machine-readable reasons. */
public final class Failures {

    private Failures() {
    }

    /**
     * The reason for a failed probe: {@code timeout}, {@code connection_refused}, {@code dns_error},
     * {@code no_route}, {@code http_status} (a JSON-RPC endpoint answering a non-2xx status), {@code bad_response} (an
     * answer that is not JSON), {@code response_too_large} (longer than the configured limit),
     * {@code connection_error} (any other I/O error) or {@code probe_error}.
     */
    public static String reason(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof TimeoutException || c instanceof io.smallrye.mutiny.TimeoutException
                || c instanceof SocketTimeoutException || c instanceof HttpTimeoutException
                || c instanceof InterruptedIOException) {
            return "timeout";
        }
        if (c instanceof ConnectException) {
            return "connection_refused";
        }
        if (c instanceof UnknownHostException) {
            return "dns_error";
        }
        if (c instanceof NoRouteToHostException) {
            return "no_route";
        }
        if (c instanceof BadResponseException bad) {
            return bad.reason();
        }
        if (c instanceof ClientConnectionException) {
            return "http_status";
        }
        if (c instanceof java.io.IOException) {
            return "connection_error";
        }
        return "probe_error";
    }

    /** A short, single-line description for evidence (exception class and message, 300 characters at most). */
    public static String describe(Throwable t) {
        Throwable c = unwrap(t);
        String text = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        text = clean(text);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /**
     * Text from a target (an error message, a response body) made safe to store and send: control characters
     * (NUL included, which incident-service refuses) become spaces, runs of white space one space.
     */
    public static String clean(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException
                || (c instanceof RuntimeException && c.getClass() == RuntimeException.class))
                && c.getCause() != null) {
            c = c.getCause();
        }
        // java.net.http wraps ConnectException in a plain ConnectException without message; keep the deepest cause
        while (c.getCause() != null && c.getCause() != c
                && (c.getCause() instanceof ConnectException || c.getCause() instanceof TimeoutException)) {
            c = c.getCause();
        }
        return c;
    }
}
