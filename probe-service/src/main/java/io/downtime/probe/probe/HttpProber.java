package io.downtime.probe.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.smallrye.mutiny.Uni;

/**
 * Probes an HTTP(S) URL with a {@code GET}: up when the status equals the expected status (default 200).
 * Reasons: {@code http_status} plus the transport reasons of {@link Failures}. Uses the JDK's non-blocking
 * {@link HttpClient}; redirects are not followed (a redirect is a status like any other).
 */
@ApplicationScoped
public class HttpProber implements Prober {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Override
    public TargetKind kind() {
        return TargetKind.HTTP;
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        int expected = target.httpExpectedStatus() == null ? 200 : target.httpExpectedStatus();
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(Duration.ofMillis(target.timeoutMs()))
                .header("User-Agent", "downtime-probe")
                .GET()
                .build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .ifNoItem().after(Duration.ofMillis(target.timeoutMs())).fail()
                .map(response -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("status", response.statusCode());
                    evidence.put("expectedStatus", expected);
                    evidence.put("latencyMs", latency);
                    return response.statusCode() == expected ? ProbeResult.up(start, latency, evidence)
                            : new ProbeResult(ProbeState.DOWN, "http_status", start, start, latency, evidence);
                })
                .onFailure().recoverWithItem(e -> ProbeResult.down(Failures.reason(e), start,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), Map.of("error", Failures.describe(e))));
    }
}
