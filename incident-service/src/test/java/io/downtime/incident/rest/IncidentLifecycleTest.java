package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incident;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Notes, severity, assignee, cause, time edits, postmortem, dedup after resolve, MTTD/MTTA/MTTR. */
@QuarkusTest
class IncidentLifecycleTest {

    @Test
    void notesEditsAndPostmortemAreRecordedInTheTimeline() {
        String service = unique("svc");
        send(signal(service, unique("node"), "eu", "DOWN", "contract_paused", at(0)));
        long id = onlyIncidentId(service);
        JsonPath opened = incident(id);
        assertEquals("critical", opened.getString("severity"));
        assertEquals("SMART_CONTRACT", opened.getString("cause"));
        assertEquals("SUGGESTED", opened.getString("causeSource"));

        // the actor is the token's subject; an actor in the body is ignored
        postAs("alice", id, "notes", Map.of("actor", "mallory", "text", "looking at the multisig")).statusCode(200);
        post(id, "notes", Map.of("text", " ")).statusCode(422);

        patchAs("alice", id, Map.of("actor", "mallory", "severity", "warning", "assignee", "alice@example.org", "cause",
                "security_incident")).statusCode(200);
        JsonPath edited = incident(id);
        assertEquals("warning", edited.getString("severity"));
        assertEquals("alice@example.org", edited.getString("assignee"));
        assertEquals("SECURITY_INCIDENT", edited.getString("cause"));
        assertEquals("HUMAN", edited.getString("causeSource"));
        assertEquals("SECURITY_INCIDENT", outages(service).getString("[0].cause"));
        List<Map<String, Object>> timeline = edited.getList("timeline");
        assertTrue(has(timeline, "NOTE", "alice", "looking at the multisig"));
        assertTrue(has(timeline, "SEVERITY_CHANGED", "alice", "critical -> warning"));
        assertTrue(has(timeline, "ASSIGNED", "alice", "null -> alice@example.org"));
        assertTrue(has(timeline, "CAUSE_CHANGED", "alice", "SMART_CONTRACT (suggested) -> SECURITY_INCIDENT (human)"));
        assertTrue(timeline.stream().noneMatch(e -> "mallory".equals(e.get("actor"))), "body actor ignored");

        // times: impact start moved back by a human, recorded old -> new; contradictions are 422 and change nothing
        patchAs("bob", id, Map.of("startedAt", at(-60).toString())).statusCode(200);
        assertTrue(has(incident(id).getList("timeline"), "TIME_EDITED", "bob", "startedAt: " + at(0) + " -> " + at(-60)));
        patch(id, Map.of("endedAt", at(-120).toString())).statusCode(422).contentType("application/problem+json");
        patch(id, Map.of("acknowledgedAt", at(10).toString())).statusCode(422).body("detail",
                containsString("never acknowledged"));
        patch(id, Map.of("severity", "sev1")).statusCode(422);
        patch(id, Map.of("detectedAt", "9999-99-99")).statusCode(400);
        assertEquals(at(-60).toString(), incident(id).getString("startedAt"));

        // postmortem only once resolved
        Map<String, Object> pm = Map.of("summary", "Bridge paused for 5 minutes", "rootCause",
                "guardian key rotation", "contributingFactors", List.of("no staging run"), "actionItems",
                List.of(Map.of("description", "rehearse rotation", "owner", "carol", "dueDate", "2021-02-01")));
        given().contentType(ContentType.JSON).body(pm).when().put("/api/v1/incidents/{id}/postmortem", id).then()
                .statusCode(409).contentType("application/problem+json");
        postAs("alice", id, "resolve", Map.of()).statusCode(200);
        given().header("Authorization", "Bearer " + responder("carol")).contentType(ContentType.JSON).body(pm).when()
                .put("/api/v1/incidents/{id}/postmortem", id).then()
                .statusCode(200).body("postmortem.rootCause", org.hamcrest.Matchers.is("guardian key rotation"))
                .body("postmortem.actionItems[0].dueDate", org.hamcrest.Matchers.is("2021-02-01"));
        assertTrue(has(incident(id).getList("timeline"), "POSTMORTEM_UPDATED", "carol", "postmortem written"));
        given().contentType(ContentType.JSON).body(Map.of("summary", "")).when()
                .put("/api/v1/incidents/{id}/postmortem", id).then().statusCode(422);
        post(987654321L, "notes", Map.of("text", "x")).statusCode(404);
    }

    @Test
    void aTriggerAfterResolveOpensANewIncident() {
        String service = unique("svc");
        String node = unique("node");
        send(signal(service, node, "eu", "DOWN", "timeout", at(0)));
        long first = onlyIncidentId(service);
        send(signal(service, node, "eu", "UP", "ok", at(60)));
        assertEquals("RESOLVED", incident(first).getString("status"));

        send(signal(service, node, "eu", "DOWN", "timeout", at(120)));
        List<Map<String, Object>> all = incidents(service);
        assertEquals(2, all.size());
        long second = ((Number) all.get(0).get("id")).longValue();
        assertNotEquals(first, second);
        assertEquals("TRIGGERED", incident(second).getString("status"));
        assertEquals("RESOLVED", incident(first).getString("status"));
        assertEquals(incident(first).getString("dedupKey"), incident(second).getString("dedupKey"));
    }

    @Test
    void metricsFromKnownTimes() {
        String service = unique("svc");
        String node = unique("node");
        // incident 1: impact 0..600, detected 60, acknowledged 90  -> TTD 60, TTA 30, TTR 600
        // incident 2: impact 1000..1300, detected 1020, acknowledged 1100 -> TTD 20, TTA 80, TTR 300
        long one = incidentWith(service, node, 0, 600);
        long two = incidentWith(service, node, 1000, 1300);
        edit(one, 0, 60, 90);
        edit(two, 1000, 1020, 1100);

        JsonPath m = given().queryParam("from", at(-10).toString()).queryParam("to", at(5000).toString()).when()
                .get("/api/v1/services/{s}/metrics", service).then().statusCode(200).extract().jsonPath();
        assertEquals(2, m.getInt("incidents"));
        assertEquals(40.0, m.getDouble("mttd.meanSeconds"), 1e-9);
        assertEquals(55.0, m.getDouble("mtta.meanSeconds"), 1e-9);
        assertEquals(450.0, m.getDouble("mttr.meanSeconds"), 1e-9);
        assertEquals(600.0, m.getDouble("mttr.maxSeconds"), 1e-9);
        assertEquals(2, m.getInt("mtta.count"));

        // only incidents detected in [from, to)
        JsonPath firstOnly = given().queryParam("from", at(-10).toString()).queryParam("to", at(1000).toString()).when()
                .get("/api/v1/services/{s}/metrics", service).then().statusCode(200).extract().jsonPath();
        assertEquals(1, firstOnly.getInt("incidents"));
        assertEquals(60.0, firstOnly.getDouble("mttd.meanSeconds"), 1e-9);
        given().queryParam("from", at(10).toString()).queryParam("to", at(0).toString()).when()
                .get("/api/v1/services/{s}/metrics", service).then().statusCode(400);

        // Prometheus: lifecycle histograms and open incidents by severity
        String other = unique("svc");
        send(signal(other, unique("node"), "eu", "DOWN", "timeout", at(0)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(text.contains("incident_mttd_seconds_bucket{service=\"" + other + "\""), "mttd histogram");
            assertTrue(text.contains("incident_mtta_seconds_count{service=\"" + service + "\"}"), "mtta histogram");
            assertTrue(text.contains("incident_mttr_seconds_count{service=\"" + service + "\"}"), "mttr histogram");
            assertTrue(text.matches("(?s).*incidents_open\\{[^}]*severity=\"critical\"[^}]*} [1-9].*"), "open gauge");
        });
    }

    /** An incident whose outage lasted [start, end) seconds after T0, acknowledged while open. */
    private static long incidentWith(String service, String node, long start, long end) {
        send(signal(service, node, "eu", "DOWN", "timeout", at(start)));
        long id = ((Number) incidents(service).get(0).get("id")).longValue();
        postAs("oncall", id, "acknowledge", Map.of()).statusCode(200);
        send(signal(service, node, "eu", "UP", "ok", at(end)));
        return id;
    }

    private static void edit(long id, long started, long detected, long acknowledged) {
        patch(id, Map.of("startedAt", at(started).toString(), "detectedAt", at(detected).toString(), "acknowledgedAt",
                at(acknowledged).toString())).statusCode(200);
    }

    private static boolean has(List<Map<String, Object>> timeline, String type, String actor, String detail) {
        return timeline.stream().anyMatch(e -> type.equals(e.get("type")) && actor.equals(e.get("actor"))
                && String.valueOf(e.get("detail")).contains(detail));
    }

    private static io.restassured.response.ValidatableResponse post(long id, String action, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/incidents/{id}/" + action, id).then();
    }

    private static String responder(String subject) {
        return Tokens.forRoles(subject, java.util.Set.of("responder"));
    }

    private static io.restassured.response.ValidatableResponse postAs(String subject, long id, String action,
            Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + responder(subject)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents/{id}/" + action, id).then();
    }

    private static io.restassured.response.ValidatableResponse patchAs(String subject, long id, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + responder(subject))
                .contentType(ContentType.JSON).body(body).when().patch("/api/v1/incidents/{id}", id).then();
    }

    private static io.restassured.response.ValidatableResponse patch(long id, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().patch("/api/v1/incidents/{id}", id).then();
    }
}
