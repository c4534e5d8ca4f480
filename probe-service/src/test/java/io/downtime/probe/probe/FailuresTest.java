package io.downtime.probe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void textFromATargetLosesControlCharactersThatIncidentServiceWouldRefuse() {
        assertEquals("bad gateway: boom", Failures.clean("bad\u0000 gateway:\r\n\tboom\u0007"));
        String described = Failures.describe(new IOException("x\u0000".repeat(400)));
        assertFalse(described.contains("\u0000"));
        assertEquals(300, described.length());
    }

    @Test
    void wrappedTransportFailuresKeepTheirReason() {
        assertEquals("connection_refused", Failures.reason(new CompletionException(new ConnectException("refused"))));
        assertEquals("timeout", Failures.reason(new io.smallrye.mutiny.TimeoutException()));
        assertEquals("connection_error", Failures.reason(new IOException("reset")));
    }
}
