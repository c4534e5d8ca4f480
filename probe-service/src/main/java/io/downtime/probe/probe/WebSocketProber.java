package io.downtime.probe.probe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.probe.config.ProberConfig;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Probes a {@code ws://} or {@code wss://} endpoint (an exchange's market-data stream): the handshake must
 * succeed, then — after sending the optional subscribe message — a message (text or binary; optionally one
 * containing {@code expectContains}) must arrive within {@code timeoutMs}, counted from the start of the probe.
 *
 * <p>
 * Reasons, all {@code DOWN}: {@code ws_handshake_failed} (the server refused the upgrade; evidence
 * {@code status}), {@code ws_no_message} (connected, nothing arrived or the server closed first),
 * {@code ws_message_mismatch} (messages arrived, none contained the substring), plus the transport reasons
 * {@code timeout}, {@code connection_refused}, {@code dns_error}, {@code tls_error}. Non-blocking (Vert.x
 * {@link WebSocketClient}); one fresh connection per probe, closed afterwards; messages larger than
 * {@code downtime.prober.max-body-bytes} fail the connection. Header values are secrets: sent, never logged.
 */
@ApplicationScoped
public class WebSocketProber implements Prober {

    private final Vertx vertx;
    private final ProberConfig config;
    private final WebSocketClient verifying;
    private final WebSocketClient trusting;

    public WebSocketProber(Vertx vertx, ProberConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.verifying = vertx.createWebSocketClient(options().setVerifyHost(true));
        this.trusting = vertx.createWebSocketClient(options().setTrustAll(true).setVerifyHost(false));
    }

    private WebSocketClientOptions options() {
        int cap = Math.max(1024, config.maxBodyBytes());
        return new WebSocketClientOptions().setMaxMessageSize(cap).setMaxFrameSize(Math.min(cap, 65536))
                .setMaxConnections(Integer.MAX_VALUE);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.WEBSOCKET;
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        return Uni.createFrom()
                .emitter(emitter -> VertxContexts.onEventLoop(vertx, () -> new Session(target, emitter).start()));
    }

    @PreDestroy
    void close() {
        verifying.close();
        trusting.close();
    }

    /** One probe; all callbacks run on one event-loop context. */
    private final class Session {

        private final TargetSpec target;
        private final TargetSpec.WebSocket settings;
        private final UniEmitter<? super ProbeResult> emitter;
        private final Instant start = Instant.now();
        private final long t0 = System.nanoTime();
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private long timer;
        private boolean done;
        private WebSocket socket;
        private int messages;

        Session(TargetSpec target, UniEmitter<? super ProbeResult> emitter) {
            this.target = target;
            this.settings = target.websocket() != null ? target.websocket()
                    : new TargetSpec.WebSocket(null, null, false, Map.of());
            this.emitter = emitter;
        }

        void start() {
            timer = vertx.setTimer(target.timeoutMs(), id -> {
                if (socket == null) {
                    evidence.put("error", "no handshake within " + target.timeoutMs() + " ms");
                    finish(ProbeState.DOWN, "timeout");
                } else {
                    evidence.put("messages", messages);
                    finish(ProbeState.DOWN, messages == 0 ? "ws_no_message" : "ws_message_mismatch");
                }
            });
            WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(target.url())
                    .setConnectTimeout(target.timeoutMs());
            options.putHeader("User-Agent", config.userAgent());
            if (settings.headers() != null) {
                settings.headers().forEach(options::putHeader);
            }
            (settings.insecureSkipVerify() ? trusting : verifying).connect(options).onComplete(ar -> {
                if (ar.failed()) {
                    if (ar.cause() instanceof UpgradeRejectedException rejected) {
                        evidence.put("status", rejected.getStatus());
                        finish(ProbeState.DOWN, "ws_handshake_failed");
                    } else {
                        evidence.put("error", Failures.describe(ar.cause()));
                        finish(ProbeState.DOWN, NetFailures.reason(ar.cause()));
                    }
                    return;
                }
                socket = ar.result();
                if (done) {
                    socket.close();
                    return;
                }
                evidence.put("handshakeMs", millisSince());
                socket.textMessageHandler(this::onMessage);
                socket.binaryMessageHandler(buffer -> onMessage(buffer.toString()));
                socket.exceptionHandler(e -> {
                    evidence.put("error", Failures.describe(e));
                    finish(ProbeState.DOWN, messages == 0 ? "ws_no_message" : "ws_message_mismatch");
                });
                socket.closeHandler(v -> {
                    evidence.put("closeStatus", socket.closeStatusCode());
                    evidence.put("messages", messages);
                    finish(ProbeState.DOWN, messages == 0 ? "ws_no_message" : "ws_message_mismatch");
                });
                if (settings.subscribe() != null) {
                    socket.writeTextMessage(settings.subscribe());
                }
            });
        }

        private void onMessage(String text) {
            if (done) {
                return;
            }
            messages++;
            String sample = Failures.clean(text);
            evidence.put("lastMessage", sample.length() > 200 ? sample.substring(0, 200) + "…" : sample);
            if (settings.expectContains() == null || text.contains(settings.expectContains())) {
                evidence.put("messages", messages);
                finish(ProbeState.UP, "ok");
            }
        }

        private void finish(ProbeState state, String reason) {
            if (done) {
                return;
            }
            done = true;
            vertx.cancelTimer(timer);
            if (socket != null && !socket.isClosed()) {
                socket.close();
            }
            long latency = millisSince();
            evidence.put("latencyMs", latency);
            emitter.complete(new ProbeResult(state, reason, start, start, latency, evidence));
        }

        private long millisSince() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
    }
}
