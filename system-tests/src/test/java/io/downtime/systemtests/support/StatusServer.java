package io.downtime.systemtests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP endpoint on a free loopback port whose answer status per path the test sets: the target of {@code http}
 * probes that the test makes flap ({@link #setStatus}). Unknown paths answer 200.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "status-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    private StatusServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public static StatusServer start() {
        try {
            StatusServer s = new StatusServer(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50));
            s.server.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the status server", e);
        }
    }

    /** The URL of a path, e.g. {@code url("/a")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on, {@code path} answers {@code status}. */
    public void setStatus(String path, int status) {
        statuses.put(path, status);
    }

    /** The status {@code path} answers now. */
    public int status(String path) {
        return statuses.getOrDefault(path, 200);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            int status = status(exchange.getRequestURI().getPath());
            byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
