package io.downtime.incident.integration;

import static io.downtime.incident.integration.Fixtures.id;
import static io.downtime.incident.integration.Fixtures.incident;
import static io.downtime.incident.integration.Fixtures.incidents;
import static io.downtime.incident.integration.Fixtures.integration;
import static io.downtime.incident.integration.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}, installed by
 * {@code scripts/setup.sh}), started on loopback with a generated config: one receiver with {@code webhook_configs}
 * pointing at {@code /api/v1/integrations/alertmanager} (bearer token of an alertmanager integration), one with
 * {@code pagerduty_configs} whose {@code url} is {@code /v2/enqueue} (routing key of a pagerduty integration). Alerts
 * posted to Alertmanager's {@code /api/v2/alerts} must open incidents, and resolve them once re-posted with
 * {@code endsAt} in the past.
 */
@QuarkusTest
class AlertmanagerEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The running incident-service (the test port is random: the injected URL carries the real one). */
    @TestHTTPResource("/")
    URL incidentService;

    private Process alertmanager;

    @AfterEach
    void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(20, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void alertsPostedToAlertmanagerOpenAndResolveIncidentsThroughBothReceivers() throws Exception {
        String webhookService = unique("am-e2e");
        String pagerDutyService = unique("am-e2e-pd");
        JsonPath webhookIntegration = integration("alertmanager", null);
        JsonPath pagerDutyIntegration = integration("pagerduty", pagerDutyService);
        int port = freePort();
        startAlertmanager(port, webhookIntegration.getString("key"), pagerDutyIntegration.getString("key"));

        Instant startsAt = Instant.now().minusSeconds(30);
        List<Map<String, Object>> firing = List.of(
                alert(Map.of("alertname", "DiskFull", "service", webhookService, "severity", "warning", "instance", "db-1"),
                        "disk of db-1 is 97% full", startsAt, null),
                alert(Map.of("alertname", "NodeDown", "route", "pagerduty", "severity", "critical", "instance", "node-1"),
                        "node-1 is down", startsAt, null));
        postAlerts(port, firing);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(incidents(webhookService), hasSize(1)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(incidents(pagerDutyService), hasSize(1)));
        Map<String, Object> viaWebhook = incidents(webhookService).get(0);
        assertThat(viaWebhook.get("status"), is("TRIGGERED"));
        assertThat(viaWebhook.get("reason"), is("DiskFull"));
        assertThat(viaWebhook.get("dedupKey").toString(), matchesPattern("alertmanager:[0-9a-f]{16}:[0-9a-f]+"));
        JsonPath webhookDetail = incident(id(viaWebhook));
        assertThat(webhookDetail.getString("timeline[0].actor"), is("integration:" + webhookIntegration.getString("name")));
        assertThat(webhookDetail.getString("timeline[0].detail"), containsString("disk of db-1 is 97% full"));
        Map<String, Object> viaPagerDuty = incidents(pagerDutyService).get(0);
        assertThat(viaPagerDuty.get("status"), is("TRIGGERED"));
        // Alertmanager's pagerduty notifier sends dedup_key = SHA-256 of the group key
        assertThat(viaPagerDuty.get("dedupKey").toString(),
                matchesPattern("pagerduty:" + pagerDutyIntegration.getLong("id") + ":[0-9a-f]{64}"));

        Instant endsAt = Instant.now().minusSeconds(1);
        postAlerts(port, List.of(
                alert(Map.of("alertname", "DiskFull", "service", webhookService, "severity", "warning", "instance", "db-1"),
                        "disk of db-1 is 97% full", startsAt, endsAt),
                alert(Map.of("alertname", "NodeDown", "route", "pagerduty", "severity", "critical", "instance", "node-1"),
                        "node-1 is down", startsAt, endsAt)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(incidents(webhookService).get(0).get("status"), is("RESOLVED"));
            assertThat(incidents(pagerDutyService).get(0).get("status"), is("RESOLVED"));
        });
        assertThat(incidents(webhookService), hasSize(1));
        assertThat(incidents(pagerDutyService), hasSize(1));
    }

    private static Map<String, Object> alert(Map<String, String> labels, String summary, Instant startsAt, Instant endsAt) {
        return endsAt == null
                ? Map.of("labels", labels, "annotations", Map.of("summary", summary), "startsAt", startsAt.toString())
                : Map.of("labels", labels, "annotations", Map.of("summary", summary), "startsAt", startsAt.toString(),
                        "endsAt", endsAt.toString());
    }

    private static void postAlerts(int port, List<Map<String, Object>> alerts) {
        given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON).body(alerts)
                .when().post("/api/v2/alerts").then().statusCode(200);
    }

    private void startAlertmanager(int port, String bearerToken, String routingKey) throws IOException {
        String base = "http://127.0.0.1:" + incidentService.getPort();
        Path dir = Files.createDirectories(Path.of("target", "alertmanager", "run-" + System.nanoTime()));
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: downtime-webhook
                  group_by: ['alertname', 'service']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 4h
                  routes:
                    - receiver: downtime-pagerduty
                      matchers: ['route="pagerduty"']
                receivers:
                  - name: downtime-webhook
                    webhook_configs:
                      - url: '%1$s/api/v1/integrations/alertmanager'
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: '%2$s'
                  - name: downtime-pagerduty
                    pagerduty_configs:
                      - routing_key: '%3$s'
                        url: '%1$s/v2/enqueue'
                        send_resolved: true
                """.formatted(base, bearerToken, routingKey));
        String binary = "prometheus-alertmanager";
        try {
            alertmanager = new ProcessBuilder(binary, "--config.file=" + config.toAbsolutePath(),
                    "--storage.path=" + dir.resolve("data").toAbsolutePath(),
                    "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=debug")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("alertmanager.log").toFile())
                    .start();
        } catch (IOException e) {
            fail("Cannot start " + binary + " (Debian package prometheus-alertmanager; run scripts/setup.sh): " + e);
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            if (!alertmanager.isAlive()) {
                fail("Alertmanager exited with " + alertmanager.exitValue() + "; see " + dir.resolve("alertmanager.log"));
            }
            given().baseUri("http://127.0.0.1").port(port).when().get("/-/ready").then().statusCode(200);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
