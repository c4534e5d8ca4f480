package io.downtime.probe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.support.ProberConfigs;
import io.downtime.probe.support.TestCertificates;
import io.downtime.testsupport.Anvil;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** The http probe against in-test Vert.x HTTP and HTTPS servers (real sockets on loopback). */
class HttpProberTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAP = 64 * 1024;

    private static Vertx vertx;
    private static HttpServer plain;
    private static HttpServer tls;
    private static HttpProber prober;
    private static final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        plain = vertx.createHttpServer().requestHandler(HttpProberTest::handle)
                .connectionHandler(c -> connections.incrementAndGet());
        plain.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(TestCertificates.validForDays(5)))
                .requestHandler(HttpProberTest::handle);
        tls.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        prober = new HttpProber(vertx, ProberConfigs.ssrf(), ProberConfigs.prober(CAP));
    }

    @AfterAll
    static void stop() {
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static void handle(HttpServerRequest request) {
        String path = request.path();
        var response = request.response();
        if (path.equals("/ok")) {
            response.end("hello, world");
        } else if (path.equals("/empty")) {
            response.setStatusCode(204).end();
        } else if (path.equals("/json")) {
            response.putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"ok\",\"height\":1.0,\"chain\":{\"id\":31337}}");
        } else if (path.equals("/slow")) {
            vertx.setTimer(300, id -> response.end("late"));
        } else if (path.equals("/hang")) {
            // never answers
        } else if (path.startsWith("/hop/")) {
            int left = Integer.parseInt(path.substring(5));
            if (left == 0) {
                response.end("arrived");
            } else {
                response.setStatusCode(302).putHeader("Location", "/hop/" + (left - 1)).end("moved to /hop/" + (left - 1));
            }
        } else if (path.equals("/to-metadata")) {
            response.setStatusCode(302).putHeader("Location", "http://169.254.169.254/latest/meta-data/").end();
        } else if (path.equals("/auth")) {
            response.setStatusCode("Bearer s3cret".equals(request.getHeader("Authorization")) ? 200 : 401).end();
        } else if (path.equals("/big")) {
            response.setChunked(true);
            Buffer chunk = Buffer.buffer("x".repeat(16 * 1024));
            for (int i = 0; i < 16; i++) {
                response.write(chunk);
            }
            response.end("end-marker");
        } else {
            response.setStatusCode(404).end();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + plain.actualPort() + path;
    }

    private static TargetSpec spec(String url, TargetSpec.Http http) {
        return spec(url, http, 3000);
    }

    private static TargetSpec spec(String url, TargetSpec.Http http, int timeoutMs) {
        return new TargetSpec(1, "web", "demo", TargetKind.HTTP, url, 5, timeoutMs, 2, 2, null, null, null,
                Instant.now(), http, null, null);
    }

    private static TargetSpec.Http http(List<Integer> statuses) {
        return new TargetSpec.Http(statuses, null, null, null, null, null, false, 5, false, Map.of());
    }

    private static ProbeResult probe(TargetSpec spec) {
        return prober.probe(spec).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theStatusMustBeInTheExpectedSet() {
        ProbeResult ok = probe(spec(url("/empty"), http(List.of(200, 204))));
        assertEquals(ProbeState.UP, ok.state(), ok.evidence().toString());
        assertEquals(204, ok.evidence().get("status"));
        ProbeResult mismatch = probe(spec(url("/empty"), http(List.of(200))));
        assertEquals(ProbeState.DOWN, mismatch.state());
        assertEquals("status_mismatch", mismatch.reason());
        assertEquals("status_mismatch", probe(spec(url("/nowhere"), http(List.of(200)))).reason());
    }

    @Test
    void everyProbeOpensAFreshConnection() {
        int before = connections.get();
        probe(spec(url("/ok"), http(List.of(200))));
        probe(spec(url("/ok"), http(List.of(200))));
        probe(spec(url("/ok"), http(List.of(200))));
        assertEquals(before + 3, connections.get());
    }

    @Test
    void bodySubstringAndJsonPointerChecks() throws Exception {
        TargetSpec.Http contains = new TargetSpec.Http(List.of(200), "world", null, null, null, null, false, 5, false,
                Map.of());
        assertEquals(ProbeState.UP, probe(spec(url("/ok"), contains)).state());
        TargetSpec.Http missing = new TargetSpec.Http(List.of(200), "planet", null, null, null, null, false, 5, false,
                Map.of());
        assertEquals("body_mismatch", probe(spec(url("/ok"), missing)).reason());

        JsonNode one = JSON.readTree("1");
        TargetSpec.Http height = new TargetSpec.Http(List.of(200), null, "/height", one, null, null, false, 5, false, Map.of());
        assertEquals(ProbeState.UP, probe(spec(url("/json"), height)).state(), "1 equals 1.0");
        TargetSpec.Http chain = new TargetSpec.Http(List.of(200), null, "/chain/id", JSON.readTree("1"), null, null, false, 5,
                false, Map.of());
        ProbeResult wrong = probe(spec(url("/json"), chain));
        assertEquals("body_mismatch", wrong.reason());
        assertTrue(wrong.evidence().get("error").toString().contains("31337"), wrong.evidence().toString());
        TargetSpec.Http status = new TargetSpec.Http(List.of(200), null, "/status", JSON.readTree("\"ok\""), null, null,
                false, 5, false, Map.of());
        assertEquals(ProbeState.UP, probe(spec(url("/json"), status)).state());
        assertEquals("body_mismatch", probe(spec(url("/ok"), status)).reason(), "not JSON");
    }

    @Test
    void aSlowResponseIsDegradedSlow() {
        TargetSpec.Http slow = new TargetSpec.Http(List.of(200), null, null, null, 100, null, false, 5, false, Map.of());
        ProbeResult r = probe(spec(url("/slow"), slow));
        assertEquals(ProbeState.DEGRADED, r.state());
        assertEquals("slow", r.reason());
        assertEquals(ProbeState.UP, probe(spec(url("/ok"), new TargetSpec.Http(List.of(200), null, null, null, 2000, null,
                false, 5, false, Map.of()))).state());
    }

    @Test
    void noAnswerWithinTheTimeoutIsTimeoutAndAClosedPortIsConnectionRefused() {
        ProbeResult hang = probe(spec(url("/hang"), http(List.of(200)), 300));
        assertEquals("timeout", hang.reason());
        ProbeResult refused = probe(spec("http://127.0.0.1:" + Anvil.freePort() + "/", http(List.of(200))));
        assertEquals("connection_refused", refused.reason(), refused.evidence().toString());
    }

    @Test
    void redirectsFollowTheirPolicy() {
        TargetSpec.Http follow = new TargetSpec.Http(List.of(200), "arrived", null, null, null, null, true, 3, false, Map.of());
        ProbeResult two = probe(spec(url("/hop/2"), follow));
        assertEquals(ProbeState.UP, two.state(), two.evidence().toString());
        assertEquals(2, two.evidence().get("redirects"));
        assertEquals("too_many_redirects", probe(spec(url("/hop/5"), follow)).reason());
        assertEquals("status_mismatch", probe(spec(url("/hop/1"), http(List.of(200)))).reason(), "not followed");
        assertEquals(ProbeState.UP, probe(spec(url("/hop/1"), http(List.of(302)))).state());
        assertEquals("redirect_denied", probe(spec(url("/to-metadata"), follow)).reason());
    }

    @Test
    void customHeadersAreSentAndNeverPutInEvidence() {
        TargetSpec.Http auth = new TargetSpec.Http(List.of(200), null, null, null, null, null, false, 5, false,
                Map.of("Authorization", "Bearer s3cret"));
        ProbeResult r = probe(spec(url("/auth"), auth));
        assertEquals(ProbeState.UP, r.state());
        assertFalse(r.evidence().toString().contains("s3cret"));
        assertFalse(auth.toString().contains("s3cret"), "toString masks header values");
        assertEquals("status_mismatch", probe(spec(url("/auth"), http(List.of(200)))).reason());
    }

    @Test
    void theBodyIsReadOnlyUpToTheCap() {
        TargetSpec.Http marker = new TargetSpec.Http(List.of(200), "end-marker", null, null, null, null, false, 5, false,
                Map.of());
        ProbeResult r = probe(spec(url("/big"), marker));
        assertEquals("body_mismatch", r.reason(), r.evidence().toString());
        assertEquals(true, r.evidence().get("bodyTruncated"));
    }

    @Test
    void aCertificateExpiringWithinTheLimitIsDegradedAndAnUntrustedOneIsTlsError() {
        String url = "https://127.0.0.1:" + tls.actualPort() + "/ok";
        TargetSpec.Http within = new TargetSpec.Http(List.of(200), null, null, null, null, 14, false, 5, true, Map.of());
        ProbeResult expiring = probe(spec(url, within));
        assertEquals(ProbeState.DEGRADED, expiring.state(), expiring.evidence().toString());
        assertEquals("tls_expiring", expiring.reason());
        double daysLeft = (Double) expiring.evidence().get("tlsDaysLeft");
        assertTrue(daysLeft > 4 && daysLeft <= 5, "certificate valid for 5 days: " + daysLeft);

        TargetSpec.Http beyond = new TargetSpec.Http(List.of(200), null, null, null, null, 3, false, 5, true, Map.of());
        assertEquals(ProbeState.UP, probe(spec(url, beyond)).state());

        TargetSpec.Http verifying = new TargetSpec.Http(List.of(200), null, null, null, null, 3, false, 5, false, Map.of());
        ProbeResult untrusted = probe(spec(url, verifying));
        assertEquals(ProbeState.DOWN, untrusted.state());
        assertEquals("tls_error", untrusted.reason(), untrusted.evidence().toString());
    }
}
