package io.downtime.incident.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A webhook receiver for tests: a real Vert.x HTTP server on loopback that records every request and answers with a
 * settable status. Verifies signatures the way a receiver would, independently of the server's code.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String signature, String eventType, String eventId, String delivery, String body, int answeredWith) {

        JsonObject json() {
            return new JsonObject(body);
        }

        /** @return whether {@code X-Downtime-Signature} is {@code t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>} */
        boolean signedWith(String secret) {
            if (signature == null) {
                return false;
            }
            String t = null, v1 = null;
            for (String part : signature.split(",")) {
                if (part.startsWith("t=")) {
                    t = part.substring(2);
                } else if (part.startsWith("v1=")) {
                    v1 = part.substring(3);
                }
            }
            if (t == null || v1 == null || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
            } catch (Exception e) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final Queue<Received> sink;
    private final AtomicInteger status;

    private WebhookReceiver(HttpServer server, Queue<Received> sink, AtomicInteger status) {
        this.server = server;
        this.sink = sink;
        this.status = status;
    }

    /** Starts a receiver on 127.0.0.1:{@code port} (0 = any free port). */
    static WebhookReceiver start(Vertx vertx, int port) throws Exception {
        Queue<Received> sink = new ConcurrentLinkedQueue<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int code = status.get();
            sink.add(new Received(request.getHeader("X-Downtime-Signature"), request.getHeader("X-Downtime-Event"),
                    request.getHeader("X-Downtime-Event-Id"), request.getHeader("X-Downtime-Delivery"),
                    body.toString(StandardCharsets.UTF_8), code));
            request.response().setStatusCode(code).end(code == 200 ? "ok" : "receiver says no");
        }));
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new WebhookReceiver(server, sink, status);
    }

    int port() {
        return server.actualPort();
    }

    void answerWith(int code) {
        status.set(code);
    }

    /** @return the requests answered with a 2xx status */
    List<Received> accepted() {
        return sink.stream().filter(r -> r.answeredWith() >= 200 && r.answeredWith() < 300).toList();
    }

    List<Received> all() {
        return List.copyOf(sink);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static Duration patience() {
        return Duration.ofSeconds(60);
    }
}
