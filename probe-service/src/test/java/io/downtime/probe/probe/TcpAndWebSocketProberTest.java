package io.downtime.probe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.support.ProberConfigs;
import io.downtime.testsupport.Anvil;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;

/** The tcp and websocket probes against in-test Vert.x TCP and WebSocket servers on loopback. */
class TcpAndWebSocketProberTest {

    private static Vertx vertx;
    private static NetServer tcp;
    private static HttpServer ws;
    private static TcpProber tcpProber;
    private static WebSocketProber wsProber;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        tcp = vertx.createNetServer().connectHandler(socket -> socket.write("hello\n"));
        tcp.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        // a market-data stream: /trades answers a subscribe with a trade, /silent never speaks, /private needs a key
        ws = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.equals("/private") && !"key-123".equals(request.getHeader("X-Api-Key"))) {
                request.response().setStatusCode(401).end();
                return;
            }
            if (!List.of("/trades", "/silent", "/private", "/bye").contains(path)) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.toWebSocket().onSuccess(socket -> {
                switch (path) {
                    case "/trades" -> socket.textMessageHandler(m -> {
                        if (m.contains("subscribe")) {
                            socket.writeTextMessage("{\"event\":\"subscribed\"}");
                            socket.writeTextMessage("{\"channel\":\"trades\",\"price\":\"64000.5\"}");
                        }
                    });
                    case "/private" -> socket.writeTextMessage("welcome");
                    case "/bye" -> socket.close();
                    default -> {
                        // /silent never speaks
                    }
                }
            });
        });
        ws.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        tcpProber = new TcpProber(vertx);
        wsProber = new WebSocketProber(vertx, ProberConfigs.prober(1 << 20));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static ProbeResult tcp(String url, int timeoutMs) {
        return tcpProber.probe(new TargetSpec(1, "t", "s", TargetKind.TCP, url, 5, timeoutMs, 2, 2, null, null, null,
                Instant.now(), null, null, null)).await().atMost(Duration.ofSeconds(10));
    }

    private static ProbeResult ws(String path, TargetSpec.WebSocket settings) {
        return wsProber.probe(new TargetSpec(1, "w", "s", TargetKind.WEBSOCKET,
                "ws://127.0.0.1:" + ws.actualPort() + path, 5, 1500, 2, 2, null, null, null, Instant.now(), null,
                settings, null)).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void tcpConnectsOrIsRefused() {
        ProbeResult up = tcp("tcp://127.0.0.1:" + tcp.actualPort(), 2000);
        assertEquals(ProbeState.UP, up.state(), up.evidence().toString());
        ProbeResult refused = tcp("tcp://127.0.0.1:" + Anvil.freePort(), 2000);
        assertEquals(ProbeState.DOWN, refused.state());
        assertEquals("connection_refused", refused.reason());
    }

    @Test
    void tcpConnectNotAcceptedWithinTheTimeoutIsTimeout() throws IOException {
        // a listener with a backlog of 1 that never accepts: once its queue is full, further SYNs are dropped
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                ProbeResult r = null;
                for (int i = 0; i < 8; i++) {
                    r = tcp("tcp://127.0.0.1:" + full.getLocalPort(), 300);
                    if ("timeout".equals(r.reason())) {
                        break;
                    }
                    Socket s = new Socket();
                    s.connect(full.getLocalSocketAddress(), 200);
                    fillers.add(s);
                }
                assertEquals("timeout", r.reason(), r.evidence().toString());
            } catch (IOException e) {
                // the queue filled up while adding a filler: the next probe must time out
                assertEquals("timeout", tcp("tcp://127.0.0.1:" + full.getLocalPort(), 300).reason());
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aSubscribedStreamThatAnswersIsUp() {
        ProbeResult r = ws("/trades", new TargetSpec.WebSocket("{\"op\":\"subscribe\",\"args\":[\"trades\"]}", "trades",
                false, Map.of()));
        assertEquals(ProbeState.UP, r.state(), r.evidence().toString());
        assertTrue(r.evidence().get("lastMessage").toString().contains("64000.5"));
        assertEquals(2, r.evidence().get("messages"), "the first message did not match and was skipped");
    }

    @Test
    void silenceAndWrongMessagesAreDown() {
        assertEquals("ws_no_message", ws("/silent", null).reason());
        assertEquals("ws_no_message", ws("/trades", new TargetSpec.WebSocket(null, null, false, Map.of())).reason(),
                "nothing without a subscribe");
        assertEquals("ws_message_mismatch",
                ws("/trades", new TargetSpec.WebSocket("subscribe", "orderbook", false, Map.of())).reason());
        assertEquals("ws_no_message", ws("/bye", null).reason(), "closed by the server before any message");
    }

    @Test
    void aRejectedHandshakeIsWsHandshakeFailedAndHeadersAreSent() {
        ProbeResult rejected = ws("/private", null);
        assertEquals("ws_handshake_failed", rejected.reason());
        assertEquals(401, rejected.evidence().get("status"));
        ProbeResult keyed = ws("/private", new TargetSpec.WebSocket(null, "welcome", false, Map.of("X-Api-Key", "key-123")));
        assertEquals(ProbeState.UP, keyed.state(), keyed.evidence().toString());
        assertTrue(!keyed.evidence().toString().contains("key-123"));
        ProbeResult refused = wsProber.probe(new TargetSpec(1, "w", "s", TargetKind.WEBSOCKET,
                "ws://127.0.0.1:" + Anvil.freePort() + "/", 5, 1500, 2, 2, null, null, null, Instant.now(), null, null,
                null)).await().atMost(Duration.ofSeconds(10));
        assertEquals("connection_refused", refused.reason());
    }
}
