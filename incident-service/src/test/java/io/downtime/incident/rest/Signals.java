package io.downtime.incident.rest;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Test helpers: random names, signal bodies, and the REST calls the tests make. */
final class Signals {

    /** A fixed past base time; every test uses its own random service and target names. */
    static final Instant T0 = Instant.parse("2021-01-01T00:00:00Z");

    private Signals() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A valid signal body; {@code confirmedAt} = {@code observedAt} + 5 s. */
    static Map<String, Object> signal(String service, String target, String region, String state, String reason,
            Instant observedAt) {
        return signal(service, target, region, state, reason, observedAt, observedAt.plusSeconds(5));
    }

    static Map<String, Object> signal(String service, String target, String region, String state, String reason,
            Instant observedAt, Instant confirmedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("region", region);
        body.put("target", target);
        body.put("targetId", "12");
        body.put("service", service);
        body.put("kind", "evm-node");
        body.put("state", state);
        body.put("reason", reason);
        body.put("evidence", Map.of("blockNumber", 120, "headAgeSeconds", 7.2));
        body.put("observedAt", observedAt.toString());
        body.put("confirmedAt", confirmedAt.toString());
        return body;
    }

    static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/signals").then();
    }

    /** Posts a signal that must be stored (202). */
    static void send(Map<String, Object> body) {
        post(body).statusCode(202);
    }

    static List<Map<String, Object>> incidents(String service) {
        return given().queryParam("service", service).when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static JsonPath incident(long id) {
        return given().when().get("/api/v1/incidents/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath outages(String service) {
        return given().when().get("/api/v1/services/{s}/outages", service).then().statusCode(200).extract().jsonPath();
    }

    static long onlyIncidentId(String service) {
        List<Map<String, Object>> list = incidents(service);
        if (list.size() != 1) {
            throw new AssertionError("expected exactly one incident of " + service + ", got " + list);
        }
        return ((Number) list.get(0).get("id")).longValue();
    }

    static Instant instant(JsonPath json, String path) {
        String value = json.getString(path);
        return value == null ? null : Instant.parse(value);
    }

    /** Posts a heartbeat of {@code region} (one instance) that must be accepted (200). */
    static JsonPath heartbeat(String region, int intervalSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("instance", region + "-probe-0");
        body.put("version", "0.3.0");
        body.put("sentAt", Instant.now().toString());
        body.put("intervalSeconds", intervalSeconds);
        body.put("heads", Map.of());
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/heartbeats").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Configures a service through {@code PUT /api/v1/services/{name}} (must succeed). */
    static void configure(String service, List<Map<String, Object>> components, List<String> dependsOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("components", components);
        body.put("dependsOn", dependsOn);
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/services/{s}", service).then().statusCode(200);
    }

    static Map<String, Object> component(String name, int minHealthy, String... targets) {
        return Map.of("name", name, "minHealthy", minHealthy, "targets", List.of(targets));
    }

    static JsonPath status(String service) {
        return given().when().get("/api/v1/services/{s}/status", service).then().statusCode(200).extract().jsonPath();
    }
}
