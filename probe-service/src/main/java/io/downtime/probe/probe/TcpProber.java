package io.downtime.probe.probe;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Probes a {@code tcp://host:port} target: up when a TCP connection is established within {@code timeoutMs}
 * (then closed at once). Reasons: {@code connection_refused}, {@code timeout}, {@code dns_error}. Non-blocking
 * (Vert.x {@link NetClient}).
 */
@ApplicationScoped
public class TcpProber implements Prober {

    private final Vertx vertx;
    private final NetClient client;

    public TcpProber(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createNetClient(new NetClientOptions().setReconnectAttempts(0));
    }

    @Override
    public TargetKind kind() {
        return TargetKind.TCP;
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        URI uri = URI.create(target.url());
        return Uni.createFrom().emitter(emitter -> VertxContexts.onEventLoop(vertx, () -> {
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            AtomicBoolean done = new AtomicBoolean();
            Map<String, Object> evidence = new LinkedHashMap<>();
            // the deadline covers DNS resolution and the handshake; a connect that completes later is closed
            long timer = vertx.setTimer(target.timeoutMs(), id -> {
                if (done.compareAndSet(false, true)) {
                    evidence.put("error", "not connected within " + target.timeoutMs() + " ms");
                    evidence.put("latencyMs", millisSince(t0));
                    emitter.complete(new ProbeResult(ProbeState.DOWN, "timeout", start, start, millisSince(t0), evidence));
                }
            });
            client.connect(uri.getPort(), uri.getHost()).onComplete(ar -> {
                if (!done.compareAndSet(false, true)) {
                    if (ar.succeeded()) {
                        ar.result().close();
                    }
                    return;
                }
                vertx.cancelTimer(timer);
                long latency = millisSince(t0);
                if (ar.succeeded()) {
                    evidence.put("remoteAddress", String.valueOf(ar.result().remoteAddress()));
                    evidence.put("latencyMs", latency);
                    ar.result().close();
                    emitter.complete(ProbeResult.up(start, latency, evidence));
                } else {
                    evidence.put("error", Failures.describe(ar.cause()));
                    evidence.put("latencyMs", latency);
                    emitter.complete(new ProbeResult(ProbeState.DOWN, NetFailures.reason(ar.cause()), start, start,
                            latency, evidence));
                }
            });
        }));
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
