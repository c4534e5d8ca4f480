package io.downtime.sla.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * sla-service calls incident-service with its own bearer token (common's ServiceTokenFilter, registered by
 * configuration on the {@code incident} REST client), read from {@code downtime.security.service-token-file} and
 * re-read when the file changes (a rotated Kubernetes Secret).
 */
@QuarkusTest
@TestProfile(ServiceTokenTest.TokenFile.class)
@WithTestResource(value = ServiceTokenTest.RecordingIncidentService.class)
class ServiceTokenTest {

    static final Path TOKEN_FILE;

    static {
        try {
            TOKEN_FILE = Files.createTempFile("sla-service-token-", ".jwt");
            TOKEN_FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static class TokenFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downtime.security.service-token-file", TOKEN_FILE.toString(),
                    "downtime.security.service-token", "ignored-when-a-file-is-set");
        }
    }

    /** A stand-in incident-service recording the Authorization header of each outages request, per service. */
    public static class RecordingIncidentService implements QuarkusTestResourceLifecycleManager {
        static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/v1/services/", RecordingIncidentService::handle);
            server.start();
            return Map.of("quarkus.rest-client.incident.url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        private static void handle(HttpExchange exchange) throws IOException {
            String service = exchange.getRequestURI().getPath().split("/")[4];
            AUTHORIZATION.put(service, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    private static String reportCallAuthorization() {
        String service = "tok-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("""
                {"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"1.00","currency":"USD"}}""")
                .put("/api/v1/slas/" + service).then().statusCode(201);
        given().get("/api/v1/slas/" + service + "/report").then().statusCode(200);
        return RecordingIncidentService.AUTHORIZATION.get(service);
    }

    @Test
    void outagesRequestsCarryTheConfiguredTokenAndFollowItsRotation() throws IOException {
        Files.writeString(TOKEN_FILE, "first-token\n");
        Files.setLastModifiedTime(TOKEN_FILE, FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals("Bearer first-token", reportCallAuthorization());

        Files.writeString(TOKEN_FILE, "rotated-token");
        Files.setLastModifiedTime(TOKEN_FILE, FileTime.from(Instant.now()));
        assertEquals("Bearer rotated-token", reportCallAuthorization());
    }
}
