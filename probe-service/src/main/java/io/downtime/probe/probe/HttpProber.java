package io.downtime.probe.probe;

import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.probe.config.ProberConfig;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.service.SsrfGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Probes an HTTP(S) URL with a {@code GET} on a fresh connection (keep-alive off, as Prometheus
 * blackbox_exporter does: every probe pays DNS, TCP and TLS handshakes, which is what a new user pays).
 *
 * <p>
 * Checks, in order (the first failing one gives the reason): transport ({@code timeout},
 * {@code connection_refused}, {@code dns_error}, {@code tls_error}), redirects ({@code too_many_redirects}, or
 * {@code redirect_denied} when a {@code Location} points where {@link SsrfGuard} forbids), status in the expected
 * set ({@code status_mismatch}), body substring and JSON-pointer equality ({@code body_mismatch}) — all
 * {@code DOWN}; then server certificate expiring within {@code tlsExpiryDays} ({@code tls_expiring}) and latency
 * above {@code degradedAboveMs} ({@code slow}) — {@code DEGRADED}. Latency is the wall time from the first
 * connect to the end of the last body, redirects included.
 *
 * <p>
 * Non-blocking (Vert.x core {@link HttpClient} on the event loop). The body is read up to
 * {@code downtime.prober.max-body-bytes}; beyond it the connection is closed and the checks see the first bytes
 * only. Request header values are secrets: sent, never logged nor put in evidence.
 */
@ApplicationScoped
public class HttpProber implements Prober {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final SsrfGuard ssrf;
    private final ProberConfig config;
    private final HttpClient verifying;
    private final HttpClient trusting;

    public HttpProber(Vertx vertx, SsrfGuard ssrf, ProberConfig config) {
        this.vertx = vertx;
        this.ssrf = ssrf;
        this.config = config;
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerHost());
        this.verifying = vertx.createHttpClient(options().setVerifyHost(true), pool);
        this.trusting = vertx.createHttpClient(options().setTrustAll(true).setVerifyHost(false), pool);
    }

    private static HttpClientOptions options() {
        return new HttpClientOptions().setKeepAlive(false).setPipelining(false)
                .setProtocolVersion(HttpVersion.HTTP_1_1).setUseAlpn(false).setForceSni(true)
                .setDecompressionSupported(false).setMaxRedirects(0);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.HTTP;
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        return Uni.createFrom()
                .emitter(emitter -> VertxContexts.onEventLoop(vertx, () -> new Exchange(target, emitter).start()));
    }

    @PreDestroy
    void close() {
        verifying.close();
        trusting.close();
    }

    /** One probe: a chain of requests (redirects) racing a deadline timer; the first outcome wins. */
    private final class Exchange {

        private final TargetSpec target;
        private final TargetSpec.Http http;
        private final UniEmitter<? super ProbeResult> emitter;
        private final Instant start = Instant.now();
        private final long t0 = System.nanoTime();
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private long timer;
        private boolean done;
        private HttpClientRequest current;
        private int redirects;
        private X509Certificate leaf;

        Exchange(TargetSpec target, UniEmitter<? super ProbeResult> emitter) {
            this.target = target;
            this.http = target.http() != null ? target.http()
                    : new TargetSpec.Http(List.of(200), null, null, null, null, null, false, 0, false, Map.of());
            this.emitter = emitter;
        }

        void start() {
            timer = vertx.setTimer(target.timeoutMs(), id -> {
                evidence.put("error", "no complete response within " + target.timeoutMs() + " ms");
                finish(ProbeState.DOWN, "timeout");
                if (current != null) {
                    current.reset();
                }
            });
            send(URI.create(target.url()));
        }

        private void send(URI uri) {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                    .setFollowRedirects(false).setConnectTimeout(Math.max(1, remainingMs()));
            options.putHeader("User-Agent", config.userAgent());
            if (http.headers() != null) {
                http.headers().forEach(options::putHeader);
            }
            (http.insecureSkipVerify() ? trusting : verifying).request(options).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ar.cause());
                    return;
                }
                if (done) {
                    ar.result().reset();
                    return;
                }
                HttpClientRequest request = ar.result();
                current = request;
                // errors of a request left behind (a redirect hop closed on purpose) do not count
                request.exceptionHandler(e -> {
                    if (request == current) {
                        fail(e);
                    }
                });
                request.send().onComplete(sent -> {
                    if (request != current) {
                        return;
                    } else if (sent.failed()) {
                        fail(sent.cause());
                    } else {
                        onResponse(uri, sent.result());
                    }
                });
            });
        }

        private void onResponse(URI uri, HttpClientResponse response) {
            if (done) {
                return;
            }
            if (response.request().connection().isSsl()) {
                leaf = leafCertificate(response);
            }
            int status = response.statusCode();
            String location = response.getHeader("Location");
            if (http.followRedirects() && status >= 300 && status < 400 && location != null) {
                current = null;
                response.request().connection().close();
                if (++redirects > http.maxRedirects()) {
                    evidence.put("status", status);
                    evidence.put("redirects", redirects);
                    evidence.put("maxRedirects", http.maxRedirects());
                    finish(ProbeState.DOWN, "too_many_redirects");
                    return;
                }
                URI next;
                try {
                    next = uri.resolve(location.trim());
                } catch (IllegalArgumentException e) {
                    evidence.put("status", status);
                    evidence.put("error", "invalid Location header");
                    finish(ProbeState.DOWN, "redirect_denied");
                    return;
                }
                Optional<String> refusal = ssrf.refusal(next, SsrfGuard.HTTP_SCHEMES);
                if (refusal.isPresent()) {
                    evidence.put("status", status);
                    evidence.put("error", "redirect refused: " + refusal.get());
                    finish(ProbeState.DOWN, "redirect_denied");
                    return;
                }
                send(next);
                return;
            }
            Buffer body = Buffer.buffer();
            int cap = config.maxBodyBytes();
            boolean keep = http.bodyContains() != null || http.jsonPointer() != null;
            long[] received = { 0 };
            response.exceptionHandler(e -> {
                if (response.request() == current) {
                    fail(e);
                }
            });
            response.handler(chunk -> {
                if (done) {
                    return;
                }
                received[0] += chunk.length();
                if (keep && body.length() < cap) {
                    body.appendBuffer(chunk, 0, Math.min(chunk.length(), cap - body.length()));
                }
                if (received[0] > cap) {
                    evidence.put("bodyTruncated", true);
                    evaluate(status, body, received[0]);
                    // the rest is not read: drop the connection (keep-alive is off anyway)
                    response.request().connection().close();
                }
            });
            response.endHandler(v -> evaluate(status, body, received[0]));
        }

        private void evaluate(int status, Buffer body, long bodyBytes) {
            if (done) {
                return;
            }
            evidence.put("status", status);
            evidence.put("bodyBytes", bodyBytes);
            if (redirects > 0) {
                evidence.put("redirects", redirects);
            }
            if (leaf != null) {
                evidence.put("tlsNotAfter", leaf.getNotAfter().toInstant().toString());
            }
            if (!http.expectedStatus().contains(status)) {
                evidence.put("expectedStatus", http.expectedStatus());
                finish(ProbeState.DOWN, "status_mismatch");
                return;
            }
            if (http.bodyContains() != null && !body.toString().contains(http.bodyContains())) {
                evidence.put("expectedBodyContains", http.bodyContains());
                finish(ProbeState.DOWN, "body_mismatch");
                return;
            }
            if (http.jsonPointer() != null) {
                Optional<String> mismatch = jsonMismatch(body);
                if (mismatch.isPresent()) {
                    evidence.put("jsonPointer", http.jsonPointer());
                    evidence.put("error", mismatch.get());
                    finish(ProbeState.DOWN, "body_mismatch");
                    return;
                }
            }
            if (leaf != null && http.tlsExpiryDays() != null) {
                double daysLeft = Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toMinutes()
                        / (24 * 60.0);
                evidence.put("tlsDaysLeft", Math.floor(daysLeft * 100) / 100);
                if (daysLeft < http.tlsExpiryDays()) {
                    evidence.put("tlsExpiryDays", http.tlsExpiryDays());
                    finish(ProbeState.DEGRADED, "tls_expiring");
                    return;
                }
            }
            if (http.degradedAboveMs() != null && millisSince() > http.degradedAboveMs()) {
                evidence.put("degradedAboveMs", http.degradedAboveMs());
                finish(ProbeState.DEGRADED, "slow");
                return;
            }
            finish(ProbeState.UP, "ok");
        }

        /** Why the body fails the JSON-pointer check, or empty when the pointed-at value equals the expected one. */
        private Optional<String> jsonMismatch(Buffer body) {
            JsonNode root;
            try {
                root = JSON.readTree(body.getBytes());
            } catch (Exception e) {
                return Optional.of("body is not JSON");
            }
            JsonNode node = root == null ? null : root.at(JsonPointer.compile(http.jsonPointer()));
            if (node == null || node.isMissingNode()) {
                return Optional.of("nothing at " + http.jsonPointer());
            }
            if (sameJson(node, http.jsonEquals())) {
                return Optional.empty();
            }
            String seen = node.toString();
            return Optional.of("found " + (seen.length() > 200 ? seen.substring(0, 200) + "…" : seen) + ", expected "
                    + http.jsonEquals());
        }

        private void fail(Throwable e) {
            if (done) {
                return;
            }
            evidence.put("error", Failures.describe(e));
            finish(ProbeState.DOWN, NetFailures.reason(e));
        }

        private void finish(ProbeState state, String reason) {
            if (done) {
                return;
            }
            done = true;
            vertx.cancelTimer(timer);
            long latency = millisSince();
            evidence.put("latencyMs", latency);
            emitter.complete(new ProbeResult(state, reason, start, start, latency, evidence));
        }

        private long millisSince() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }

        private long remainingMs() {
            return target.timeoutMs() - millisSince();
        }
    }

    /** JSON equality with numbers compared by value ({@code 1} equals {@code 1.0}). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static X509Certificate leafCertificate(HttpClientResponse response) {
        try {
            List<Certificate> chain = response.request().connection().peerCertificates();
            return chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x ? x : null;
        } catch (Exception e) {
            return null;
        }
    }
}
