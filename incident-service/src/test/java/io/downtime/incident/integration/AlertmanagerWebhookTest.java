package io.downtime.incident.integration;

import static io.downtime.incident.integration.Fixtures.id;
import static io.downtime.incident.integration.Fixtures.incident;
import static io.downtime.incident.integration.Fixtures.incidents;
import static io.downtime.incident.integration.Fixtures.integration;
import static io.downtime.incident.integration.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** {@code POST /api/v1/integrations/alertmanager} with payloads shaped as Alertmanager 0.25 sends them. */
@QuarkusTest
class AlertmanagerWebhookTest {

    private static final String FIRING_END = "0001-01-01T00:00:00Z";

    static Map<String, Object> alert(String status, Map<String, String> labels, Instant startsAt, String endsAt,
            String fingerprint) {
        Map<String, Object> alert = new HashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "disk almost full"));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt);
        alert.put("generatorURL", "http://prometheus.example/graph?g0.expr=up");
        alert.put("fingerprint", fingerprint);
        return alert;
    }

    static Map<String, Object> payload(String groupKey, String status, List<Map<String, Object>> alerts) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("version", "4");
        payload.put("groupKey", groupKey);
        payload.put("truncatedAlerts", 0);
        payload.put("status", status);
        payload.put("receiver", "downtime");
        payload.put("groupLabels", Map.of("alertname", "DiskFull"));
        payload.put("commonLabels", Map.of());
        payload.put("commonAnnotations", Map.of());
        payload.put("externalURL", "http://alertmanager.example:9093");
        payload.put("alerts", alerts);
        return payload;
    }

    private static String defaultKey;

    /** The key of an alertmanager integration without default service, made once for the class. */
    static synchronized String defaultKey() {
        if (defaultKey == null) {
            defaultKey = integration("alertmanager", null).getString("key");
        }
        return defaultKey;
    }

    /** Posts with {@code token} as the integration key, or the class's own alertmanager integration's when null. */
    static ValidatableResponse post(Object payload, String query, String token) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(payload)
                .header("Authorization", "Bearer " + (token == null ? defaultKey() : token));
        return request.when().post("/api/v1/integrations/alertmanager" + (query == null ? "" : query)).then();
    }

    @Test
    void firingOpensRepeatIsIgnoredSeverityUpdatesResolvedResolves() {
        String service = unique("am-svc");
        String groupKey = "{}:{alertname=\"DiskFull\"}-" + service;
        Instant startsAt = Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Map<String, String> labels = Map.of("alertname", "DiskFull", "service", service, "severity", "warning",
                "instance", "db-1");
        Map<String, Object> firing = payload(groupKey, "firing",
                List.of(alert("firing", labels, startsAt, FIRING_END, "a1b2c3d4e5f60718")));

        JsonPath answer = post(firing, null, null).statusCode(200).contentType(ContentType.JSON)
                .body("alerts[0].change", is("OPENED"))
                .body("alerts[0].service", is(service))
                .body("alerts[0].dedupKey", matchesPattern("alertmanager:[0-9a-f]{16}:a1b2c3d4e5f60718"))
                .extract().jsonPath();
        long incidentId = answer.getLong("alerts[0].incidentId");
        JsonPath opened = incident(incidentId);
        assertThat(opened.getString("status"), is("TRIGGERED"));
        assertThat(opened.getString("reason"), is("DiskFull"));
        assertThat(opened.getString("startedAt"), is(startsAt.toString()));
        assertThat(opened.getString("timeline[0].actor"), startsWith("integration:alertmanager"));
        assertThat(opened.getString("timeline[0].detail"), containsString("disk almost full"));

        // Alertmanager re-sends firing alerts with every notification of the group: nothing changes
        post(firing, null, null).statusCode(200).body("alerts[0].change", is("UNCHANGED"));
        // severity changed: recorded
        Map<String, String> critical = new HashMap<>(labels);
        critical.put("severity", "critical");
        post(payload(groupKey, "firing", List.of(alert("firing", critical, startsAt, FIRING_END, "a1b2c3d4e5f60718"))),
                null, null).statusCode(200).body("alerts[0].change", is("UPDATED"));
        assertThat(incident(incidentId).getList("timeline.type"), contains("TRIGGERED", "TRIGGER_ADDED"));

        Instant endsAt = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        post(payload(groupKey, "resolved",
                List.of(alert("resolved", critical, startsAt, endsAt.toString(), "a1b2c3d4e5f60718"))),
                null, null).statusCode(200).body("alerts[0].change", is("RESOLVED"));
        JsonPath resolved = incident(incidentId);
        assertThat(resolved.getString("status"), is("RESOLVED"));
        assertThat(resolved.getString("endedAt"), is(endsAt.toString()));
        assertThat(resolved.getList("timeline.type"), contains("TRIGGERED", "TRIGGER_ADDED", "RESOLVED"));

        // resolved again: dropped; firing again: a new incident
        post(payload(groupKey, "resolved",
                List.of(alert("resolved", critical, startsAt, endsAt.toString(), "a1b2c3d4e5f60718"))),
                null, null).statusCode(200).body("alerts[0].change", is("DROPPED"));
        post(firing, null, null).statusCode(200).body("alerts[0].change", is("OPENED"));
        assertThat(incidents(service), hasSize(2));
    }

    @Test
    void serviceComesFromLabelThenQueryThenIntegrationAndTokensAreChecked() {
        String labelled = unique("am-svc");
        String fromQuery = unique("am-svc");
        String fromIntegration = unique("am-svc");
        Instant startsAt = Instant.now().minusSeconds(60);
        String groupKey = "{}:{job=\"node\"}-" + labelled;
        Map<String, Object> twoAlerts = payload(groupKey, "firing", List.of(
                alert("firing", Map.of("alertname", "NodeDown", "service", labelled), startsAt, FIRING_END, "00000000000000a1"),
                alert("firing", Map.of("alertname", "NodeDown", "severity", "info"), startsAt, FIRING_END,
                        "00000000000000a2")));

        // no service label and no default: 422, and nothing is written (not even the labelled alert)
        post(twoAlerts, null, null).statusCode(422).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("alerts[1]"));
        assertThat(incidents(labelled), empty());

        post(twoAlerts, "?service=" + fromQuery, null).statusCode(200)
                .body("alerts.service", contains(labelled, fromQuery))
                .body("alerts.change", contains("OPENED", "OPENED"));

        // an alertmanager integration: its token names the actor, its service is the default
        JsonPath am = integration("alertmanager", fromIntegration);
        String otherGroup = "{}:{job=\"api\"}-" + fromIntegration;
        post(payload(otherGroup, "firing", List.of(alert("firing", Map.of("alertname", "ApiDown"), startsAt, FIRING_END,
                "00000000000000b1"))), null, am.getString("key")).statusCode(200)
                .body("alerts[0].service", is(fromIntegration));
        List<Map<String, Object>> opened = incidents(fromIntegration);
        assertThat(opened, hasSize(1));
        assertThat(incident(id(opened.get(0))).getString("timeline[0].actor"), is("integration:" + am.getString("name")));

        post(twoAlerts, null, "0123456789abcdef0123456789abcdef").statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(twoAlerts).header("Authorization", "Basic dXNlcjpwdw==")
                .when().post("/api/v1/integrations/alertmanager").then().statusCode(401);
        // a PagerDuty routing key is not an Alertmanager token
        String pdKey = integration("pagerduty", fromIntegration).getString("key");
        post(twoAlerts, null, pdKey).statusCode(401);
    }

    @Test
    void badPayloadsAre400Or422AndChangeNothing() {
        String service = unique("am-svc");
        Instant startsAt = Instant.now().minusSeconds(60);
        Map<String, Object> good = alert("firing", Map.of("alertname", "X", "service", service), startsAt, FIRING_END,
                "00000000000000c1");

        given().contentType(ContentType.JSON).body("{\"version\":\"4\",").header("Authorization", "Bearer " + defaultKey())
                .when().post("/api/v1/integrations/alertmanager").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        Map<String, Object> v3 = payload("g", "firing", List.of(good));
        v3.put("version", "3");
        post(v3, null, null).statusCode(422).body("violations[0].field", is("version"));
        post(payload("g", "firing", List.of()), null, null).statusCode(422).body("violations[0].field", is("alerts"));
        post(payload("", "firing", List.of(good)), null, null).statusCode(422);
        post(payload("g", "exploded", List.of(good)), null, null).statusCode(422);
        Map<String, Object> noFingerprint = new HashMap<>(good);
        noFingerprint.remove("fingerprint");
        post(payload("g", "firing", List.of(noFingerprint)), null, null).statusCode(422);
        Map<String, Object> badTime = new HashMap<>(good);
        badTime.put("startsAt", "yesterday");
        post(payload("g", "firing", List.of(badTime)), null, null).statusCode(400);
        post(payload("g", "firing", List.of(alert("firing", Map.of("alertname", "X", "service", service, "note", "a\u0000b"),
                startsAt, FIRING_END, "00000000000000c2"))), null, null).statusCode(422);
        post(payload("g", "firing", List.of(alert("firing", Map.of("alertname", "X", "service", "s".repeat(201)),
                startsAt, FIRING_END, "00000000000000c3"))), null, null).statusCode(422);
        assertThat(incidents(service), empty());
        given().contentType(ContentType.JSON).body(payload("g", "firing", List.of(good))).when()
                .get("/api/v1/integrations/alertmanager").then().statusCode(equalTo(405));
    }

    @Test
    void severityLabelsMapToPagerDutySeverities() {
        assertThat(Severities.fromLabel("critical").name(), is("CRITICAL"));
        assertThat(Severities.fromLabel("Warning").name(), is("WARNING"));
        assertThat(Severities.fromLabel("none").name(), is("INFO"));
        assertThat(Severities.fromLabel("major").name(), is("ERROR"));
        assertThat(Severities.fromLabel(null).name(), is("CRITICAL"));
        assertThat(Severities.fromLabel("whatever").name(), is("CRITICAL"));
    }
}
