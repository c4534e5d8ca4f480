package io.downtime.sla.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for incident-service in tests: a JDK HTTP server on a free port serving
 * {@code GET /api/v1/services/{service}/outages} from {@link #OUTAGES} and
 * {@code GET /api/v1/incidents?service=&status=} from {@link #INCIDENTS} ({@code []} for unknown services). Services
 * whose name starts with {@code boom-} answer 500. Sets {@code downtime.test.fake-incident-url}, which
 * {@code %test.quarkus.rest-client.incident.url} points at.
 */
public class FakeIncidentService implements QuarkusTestResourceLifecycleManager {

    /**
     * A fake outage; {@code end == null} is an open outage. {@code state}, {@code cause} and {@code maintenance} are
     * only written when set (the foundation's shape has none of them); when any is set, an unknown property
     * {@code "region"} is written too, which the client must ignore.
     */
    public record FakeOutage(Instant start, Instant end, String reason, String state, String cause,
            Boolean maintenance) {

        /** The foundation's shape. */
        public FakeOutage(Instant start, Instant end, String reason) {
            this(start, end, reason, null, null, null);
        }

        String json() {
            StringBuilder json = new StringBuilder("{\"start\":\"" + start + "\",\"end\":"
                    + (end == null ? "null" : "\"" + end + "\"") + ",\"reason\":\"" + reason + "\",\"incidentId\":1");
            if (state != null || cause != null || maintenance != null) {
                if (state != null) {
                    json.append(",\"state\":\"").append(state).append('"');
                }
                if (cause != null) {
                    json.append(",\"cause\":\"").append(cause).append('"');
                }
                if (maintenance != null) {
                    json.append(",\"maintenance\":").append(maintenance);
                }
                json.append(",\"region\":{\"name\":\"eu\"}");
            }
            return json.append('}').toString();
        }
    }

    /** A fake incident as listed by incident-service. */
    public record FakeIncident(long id, String status, String reason, Instant startedAt) {
    }

    /** Outages served per service. */
    public static final Map<String, List<FakeOutage>> OUTAGES = new ConcurrentHashMap<>();
    /** Incidents served per service (filtered by the {@code status} query parameter). */
    public static final Map<String, List<FakeIncident>> INCIDENTS = new ConcurrentHashMap<>();
    /** Last query string received per service. */
    public static final Map<String, String> QUERIES = new ConcurrentHashMap<>();
    /** Requests received per service. */
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private static final String PREFIX = "/api/v1/services/";
    private static final String SUFFIX = "/outages";
    private static final String INCIDENTS_PATH = "/api/v1/incidents";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeIncidentService::handle);
        server.start();
        return Map.of("downtime.test.fake-incident-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.equals(INCIDENTS_PATH)) {
            incidents(exchange);
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            respond(exchange, 404, "{\"status\":404}");
            return;
        }
        String service = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
                StandardCharsets.UTF_8);
        CALLS.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
        QUERIES.put(service, String.valueOf(exchange.getRequestURI().getQuery()));
        if (service.startsWith("boom-")) {
            respond(exchange, 500, "{\"status\":500}");
            return;
        }
        String body = OUTAGES.getOrDefault(service, List.of()).stream()
                .map(FakeOutage::json)
                .collect(Collectors.joining(",", "[", "]"));
        respond(exchange, 200, body);
    }

    private static void incidents(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String service = query.getOrDefault("service", "");
        if (service.startsWith("boom-")) {
            respond(exchange, 500, "{\"status\":500}");
            return;
        }
        String status = query.get("status");
        String body = INCIDENTS.getOrDefault(service, List.of()).stream()
                .filter(i -> status == null || status.equals(i.status()))
                .map(i -> "{\"id\":" + i.id() + ",\"service\":\"" + service + "\",\"status\":\"" + i.status()
                        + "\",\"reason\":\"" + i.reason() + "\",\"dedupKey\":null,\"startedAt\":\"" + i.startedAt()
                        + "\",\"detectedAt\":\"" + i.startedAt() + "\",\"resolvedAt\":null,\"endedAt\":null}")
                .collect(Collectors.joining(",", "[", "]"));
        respond(exchange, 200, body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
