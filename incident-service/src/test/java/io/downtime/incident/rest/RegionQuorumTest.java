package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.heartbeat;
import static io.downtime.incident.rest.Signals.incident;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.status;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Three simulated regions (heartbeats and signals posted by the test): the quorum counts the regions currently
 * heartbeating; a silent region is a prober problem, never target downtime.
 */
@QuarkusTest
class RegionQuorumTest {

    /** Heartbeats of alive regions claim a 60 s interval: alive for 3 minutes, longer than any test here. */
    private static final int LONG = 60;

    private static String[] threeRegions() {
        String[] r = { unique("eu"), unique("us"), unique("ap") };
        for (String region : r) {
            heartbeat(region, LONG);
        }
        return r;
    }

    private static void allUp(String service, String target, String... regions) {
        for (String region : regions) {
            send(signal(service, target, region, "UP", "ok", at(0)));
        }
    }

    @Test
    void singleRegionFailureIsNoIncidentButVisibleDissent() {
        String[] r = threeRegions();
        String service = unique("svc");
        String target = unique("tgt");
        allUp(service, target, r);

        send(signal(service, target, r[0], "DOWN", "timeout", at(10)));

        assertTrue(incidents(service).isEmpty());
        JsonPath health = status(service);
        assertEquals("DEGRADED", health.getString("state"));
        assertEquals("DEGRADED", health.getString("targets[0].state"));
        assertEquals(List.of(r[0]), health.getList("targets[0].downRegions"));
        assertEquals(2, health.getList("targets[0].upRegions").size());
    }

    @Test
    void twoOfThreeRegionsOpenAnIncident() {
        String[] r = threeRegions();
        String service = unique("svc");
        String target = unique("tgt");
        allUp(service, target, r);

        send(signal(service, target, r[0], "DOWN", "timeout", at(10)));
        assertTrue(incidents(service).isEmpty());
        send(signal(service, target, r[1], "DOWN", "connection_refused", at(12)));

        long id = onlyIncidentId(service);
        JsonPath incident = incident(id);
        assertEquals("TRIGGERED", incident.getString("status"));
        assertEquals(at(10).toString(), incident.getString("startedAt"));
        assertEquals("TECHNICAL_FAILURE", incident.getString("cause"));
        assertEquals(true, incident.getBoolean("paged"));
        assertEquals("DOWN", status(service).getString("state"));
    }

    @Test
    void aFirstDownAgainstAliveRegionsThatReportOnTheServiceIsAMinority() {
        String[] r = threeRegions();
        String service = unique("svc");
        String old = unique("tgt");
        String added = unique("tgt");
        allUp(service, old, r);

        // a target just added: only one region confirmed a state so far, the other two are alive and report on the
        // service (implicit UP), so 1 of 3 is not an outage
        send(signal(service, added, r[0], "DOWN", "timeout", at(10)));
        assertTrue(incidents(service).isEmpty());
    }

    @Test
    void aRegionWhoseHeartbeatStopsIsLeftOutNotAnOutage() {
        String eu = unique("eu");
        String us = unique("us");
        String ap = unique("ap");
        heartbeat(eu, LONG);
        heartbeat(us, LONG);
        // ap heartbeats once with a 1 s interval: it times out after the test minimum of 2-3 s
        heartbeat(ap, 1);
        String service = unique("svc");
        String target = unique("tgt");
        allUp(service, target, eu, us, ap);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> regions = given().when().get("/api/v1/regions").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.region == '" + ap + "' }");
            assertEquals("STALE", regions.get(0).get("status"));
        });
        JsonPath health = status(service);
        assertEquals(List.of(ap), health.getList("proberProblems"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.matches("(?s).*\\nregions_stale(\\{[^}]*})? [1-9].*"), "regions_stale gauge");
        });
        assertEquals("UP", health.getString("state"));
        assertTrue(incidents(service).isEmpty());

        // with ap left out, eu DOWN is 1 of 2 alive regions: DEGRADED, not an outage
        send(signal(service, target, eu, "DOWN", "timeout", at(20)));
        assertTrue(incidents(service).isEmpty());
        assertEquals("DEGRADED", status(service).getString("state"));
        assertEquals(List.of(ap), status(service).getList("targets[0].leftOutRegions"));
    }

    @Test
    void aStaleRegionsDownStopsCountingWhenItsHeartbeatTimesOut() {
        String eu = unique("eu");
        String us = unique("us");
        String ap = unique("ap");
        heartbeat(eu, LONG);
        heartbeat(us, 1);
        heartbeat(ap, LONG);
        String service = unique("svc");
        String target = unique("tgt");
        allUp(service, target, eu, us, ap);
        send(signal(service, target, eu, "DOWN", "timeout", at(10)));
        send(signal(service, target, us, "DOWN", "timeout", at(11)));
        long id = onlyIncidentId(service);

        // us goes silent: the scheduled check leaves it out; eu alone (1 of 2) is no longer a quorum
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals("RESOLVED", incident(id).getString("status")));
        JsonPath resolved = incident(id);
        assertTrue(resolved.<String> getList("timeline.detail").stream().anyMatch(d -> d.contains("heartbeats")),
                resolved.getList("timeline.detail").toString());
    }

    @Test
    void heartbeatAnswersTheBestHeadAmongAliveRegionsAndRejectsBadInput() {
        String a = unique("eu");
        String b = unique("us");
        String chain = String.valueOf(900_000 + (int) (Math.random() * 99_999));
        post(a, chain, 100);
        JsonPath answer = post(b, chain, 90);
        assertEquals(100, answer.getInt("heads.'" + chain + "'.number"));
        assertEquals(a, answer.getString("heads.'" + chain + "'.region"));

        given().contentType(ContentType.JSON).body(Map.of("region", "", "instance", "x", "sentAt", "2026-01-01T00:00:00Z",
                "intervalSeconds", 5)).when().post("/api/v1/heartbeats").then().statusCode(422)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("region", "r", "instance", "x", "sentAt", "2026-01-01T00:00:00Z",
                "intervalSeconds", 0)).when().post("/api/v1/heartbeats").then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"region\":").when().post("/api/v1/heartbeats").then().statusCode(400);
    }

    private static JsonPath post(String region, String chain, long number) {
        Map<String, Object> body = Map.of("region", region, "instance", region + "-0", "version", "0.3.0", "sentAt",
                java.time.Instant.now().toString(), "intervalSeconds", LONG, "heads",
                Map.of(chain, Map.of("number", number, "seenAt", java.time.Instant.now().toString())));
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/heartbeats").then().statusCode(200)
                .extract().jsonPath();
    }
}
