package io.downtime.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A hostile JSON-RPC endpoint on a free loopback port, for probing tests (OWASP API10, "unsafe consumption of
 * APIs"): every {@link Mode} answers {@code POST /<mode>} with a different misbehaviour, so one server gives one
 * {@code evm-node} target URL per mode ({@link #url(Mode)}). It counts requests and bytes sent per mode.
 * <p>
 * Built on the JDK's {@code com.sun.net.httpserver} (one thread per exchange, so hanging answers do not block the
 * others). {@link #close()} releases hanging and dripping exchanges.
 */
public final class HostileRpc implements AutoCloseable {

    /** How an answer misbehaves. */
    public enum Mode {
        /** 200 with random binary bytes (4 KiB, including NUL and invalid UTF-8), {@code Content-Type: application/json}. */
        GARBAGE,
        /** 200 with text that is not JSON: a truncated object. */
        INVALID_JSON,
        /** 200 with well-formed JSON-RPC whose {@code result} has the wrong type (an object with an array, not a quantity). */
        WRONG_TYPES,
        /** Reads the request and never answers (until {@link #close()}). */
        HANG,
        /**
         * 200, chunked, with a syntactically valid JSON-RPC response of {@link #HUGE_BYTES} bytes: a {@code result}
         * string of hex digits, streamed as fast as the client reads.
         */
        HUGE,
        /** 200, chunked, a valid-looking JSON-RPC response sent one byte every 200 ms (slow loris in reverse). */
        DRIP;

        /** The URL path of this mode: {@code /garbage}, {@code /invalid-json}, … */
        public String path() {
            return "/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Size of a {@link Mode#HUGE} answer: 50 MiB. */
    public static final long HUGE_BYTES = 50L * 1024 * 1024;

    private static final long DRIP_INTERVAL_MS = 200;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-rpc");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Mode, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<Mode, AtomicLong> bytesSent = new ConcurrentHashMap<>();

    private HostileRpc(HttpServer server) {
        this.server = server;
        for (Mode mode : Mode.values()) {
            requests.put(mode, new AtomicLong());
            bytesSent.put(mode, new AtomicLong());
            server.createContext(mode.path(), exchange -> handle(mode, exchange));
        }
        server.setExecutor(executor);
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public static HostileRpc start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            HostileRpc rpc = new HostileRpc(server);
            server.start();
            return rpc;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the hostile JSON-RPC server", e);
        }
    }

    /** The JSON-RPC URL of a mode, e.g. {@code http://127.0.0.1:40123/hang}. */
    public String url(Mode mode) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + mode.path();
    }

    /** Requests received in a mode so far. */
    public long requests(Mode mode) {
        return requests.get(mode).get();
    }

    /** Response body bytes written in a mode so far (the client may have stopped reading earlier). */
    public long bytesSent(Mode mode) {
        return bytesSent.get(mode).get();
    }

    private void handle(Mode mode, HttpExchange exchange) throws IOException {
        requests.get(mode).incrementAndGet();
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            switch (mode) {
                case GARBAGE -> {
                    byte[] body = new byte[4096];
                    new java.util.Random(42).nextBytes(body);
                    body[0] = 0;
                    fixed(mode, exchange, body);
                }
                case INVALID_JSON -> fixed(mode, exchange,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\",".getBytes(StandardCharsets.UTF_8));
                case WRONG_TYPES -> fixed(mode, exchange,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"number\":[1,2,{\"a\":true}],\"hash\":false}}"
                                .getBytes(StandardCharsets.UTF_8));
                case HANG -> awaitClose(Long.MAX_VALUE);
                case HUGE -> huge(exchange);
                case DRIP -> drip(exchange);
                default -> throw new IllegalStateException(mode.name());
            }
        } catch (IOException e) {
            // the prober gave up and closed the connection: expected
        }
    }

    private void fixed(Mode mode, HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        bytesSent.get(mode).addAndGet(body.length);
    }

    private void huge(HttpExchange exchange) throws IOException {
        byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'f');
        AtomicLong sent = bytesSent.get(Mode.HUGE);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(head);
            sent.addAndGet(head.length);
            long left = HUGE_BYTES - head.length - tail.length;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                sent.addAndGet(n);
                left -= n;
            }
            out.write(tail);
            sent.addAndGet(tail.length);
        }
    }

    private void drip(HttpExchange exchange) throws IOException {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
                out.write(b);
                out.flush();
                bytesSent.get(Mode.DRIP).incrementAndGet();
                if (awaitClose(DRIP_INTERVAL_MS)) {
                    return;
                }
            }
        }
    }

    /** Waits until the server closes or the time is up; true when it closed. */
    private boolean awaitClose(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
