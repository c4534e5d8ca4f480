package io.downtime.incident.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Object-level authorization (OWASP API1) by the token's {@code services} claim: a token scoped to service A lists,
 * reads and changes A's incidents, service, outages, metrics and maintenance windows; B's answer exactly like unknown
 * ones (404 problem+json) and stay unchanged, writes naming B are 403; integrations and webhooks need an unscoped
 * token; signals are not scoped. Requests without an explicit token carry the default unscoped all-roles token.
 */
@QuarkusTest
class ServiceScopeTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Set<String> ALL = Set.of("viewer", "responder", "admin", "prober");

    private final String a = "scope-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String b = "scope-b-" + UUID.randomUUID().toString().substring(0, 8);
    private final String tokenA = Tokens.scoped("alice", ALL, a);

    private RequestSpecification asA() {
        return given().header("Authorization", "Bearer " + tokenA);
    }

    private static Map<String, Object> downSignal(String service) {
        Instant observed = Instant.parse("2021-01-01T00:00:00Z");
        Map<String, Object> signal = new HashMap<>(Map.of("id", UUID.randomUUID().toString(), "region", "eu",
                "target", "node-" + service, "targetId", "1", "service", service, "kind", "http", "state", "DOWN",
                "reason", "timeout", "evidence", Map.of("latencyMs", 3)));
        signal.put("observedAt", observed.toString());
        signal.put("confirmedAt", observed.plusSeconds(5).toString());
        return signal;
    }

    private static long openIncident(String service) {
        given().contentType(ContentType.JSON).body(downSignal(service)).post("/api/v1/signals").then().statusCode(202);
        return given().queryParam("service", service).get("/api/v1/incidents").then().statusCode(200).extract()
                .jsonPath().getLong("[0].id");
    }

    private static void assertNotFound(ValidatableResponse response, String detail) {
        response.statusCode(404).contentType(PROBLEM).body("status", equalTo(404)).body("detail", equalTo(detail));
    }

    @Test
    void incidentsOfAnotherServiceAreUnknownAndUnchanged() {
        long incidentA = openIncident(a);
        long incidentB = openIncident(b); // newer than A's: a limit applied before the scope would drop A's
        JsonPath before = given().get("/api/v1/incidents/{id}", incidentB).then().statusCode(200).extract().jsonPath();

        asA().get("/api/v1/incidents").then().statusCode(200).body("service", everyItem(equalTo(a)))
                .body("id", hasItem((int) incidentA)).body("id", not(hasItem((int) incidentB)));
        asA().queryParam("limit", 1).get("/api/v1/incidents").then().statusCode(200).body("id",
                equalTo(List.of((int) incidentA)));
        asA().queryParam("service", b).get("/api/v1/incidents").then().statusCode(200).body("$", hasSize(0));

        // the same answer as an id that does not exist
        String detail = "Incident " + incidentB + " does not exist.";
        assertNotFound(asA().get("/api/v1/incidents/{id}", incidentB).then(), detail);
        assertNotFound(asA().get("/api/v1/incidents/{id}", Long.MAX_VALUE - 3).then(),
                "Incident " + (Long.MAX_VALUE - 3) + " does not exist.");
        for (String action : List.of("acknowledge", "mitigate", "resolve")) {
            assertNotFound(asA().post("/api/v1/incidents/{id}/" + action, incidentB).then(), detail);
        }
        assertNotFound(asA().contentType(ContentType.JSON).body(Map.of("text", "mine now"))
                .post("/api/v1/incidents/{id}/notes", incidentB).then(), detail);
        assertNotFound(asA().contentType(ContentType.JSON).body(Map.of("severity", "info"))
                .patch("/api/v1/incidents/{id}", incidentB).then(), detail);
        assertNotFound(asA().contentType(ContentType.JSON).body(Map.of("summary", "x"))
                .put("/api/v1/incidents/{id}/postmortem", incidentB).then(), detail);

        JsonPath after = given().get("/api/v1/incidents/{id}", incidentB).then().statusCode(200).extract().jsonPath();
        assertEquals("TRIGGERED", after.getString("status"));
        assertEquals(before.getString("severity"), after.getString("severity"));
        assertEquals(before.getList("timeline").size(), after.getList("timeline").size());

        // its own service's incident: readable and actionable, the actor is the token's subject
        asA().get("/api/v1/incidents/{id}", incidentA).then().statusCode(200).body("service", equalTo(a));
        asA().contentType(ContentType.JSON).body(Map.of("actor", "mallory", "note", "mine"))
                .post("/api/v1/incidents/{id}/acknowledge", incidentA).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("timeline[-1].actor", equalTo("alice"));
        asA().contentType(ContentType.JSON).body(Map.of("severity", "info"))
                .patch("/api/v1/incidents/{id}", incidentA).then().statusCode(200).body("severity", equalTo("info"));

        // an unscoped token sees both
        given().get("/api/v1/incidents").then().statusCode(200).body("id",
                hasItems((int) incidentA, (int) incidentB));
    }

    @Test
    void servicesOutsideTheScopeAreHiddenAndNotWritable() {
        for (String s : List.of(a, b)) {
            given().contentType(ContentType.JSON).body(Map.of("description", "svc " + s)).put("/api/v1/services/{s}", s)
                    .then().statusCode(200);
        }
        asA().get("/api/v1/services").then().statusCode(200).body("name", equalTo(List.of(a)));
        given().get("/api/v1/services").then().statusCode(200).body("name", hasItems(a, b));

        String detail = "Service '" + b + "' does not exist.";
        for (String path : List.of("", "/status", "/metrics", "/outages")) {
            assertNotFound(asA().get("/api/v1/services/{s}" + path, b).then(), detail);
            asA().get("/api/v1/services/{s}" + path, a).then().statusCode(200);
            given().get("/api/v1/services/{s}" + path, b).then().statusCode(200);
        }

        asA().contentType(ContentType.JSON).body(Map.of("description", "taken")).put("/api/v1/services/{s}", b).then()
                .statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        asA().delete("/api/v1/services/{s}", b).then().statusCode(403).contentType(PROBLEM);
        String c = "scope-c-" + UUID.randomUUID().toString().substring(0, 8);
        asA().contentType(ContentType.JSON).body(Map.of("name", c)).post("/api/v1/services").then().statusCode(403)
                .contentType(PROBLEM);
        given().get("/api/v1/services/{s}", b).then().statusCode(200).body("description", equalTo("svc " + b));
        given().get("/api/v1/services/{s}", c).then().statusCode(404);

        asA().contentType(ContentType.JSON).body(Map.of("description", "mine")).put("/api/v1/services/{s}", a).then()
                .statusCode(200).body("description", equalTo("mine"));
        asA().delete("/api/v1/services/{s}", a).then().statusCode(204);
    }

    @Test
    void maintenanceWindowsOfOtherServicesAreHiddenAndGlobalOnesReadOnly() {
        long ofA = window(given(), a).statusCode(201).extract().jsonPath().getLong("id");
        long ofB = window(given(), b).statusCode(201).extract().jsonPath().getLong("id");
        long global = window(given(), null).statusCode(201).extract().jsonPath().getLong("id");
        try {
            asA().get("/api/v1/maintenance-windows").then().statusCode(200)
                    .body("id", hasItems((int) ofA, (int) global)).body("id", not(hasItem((int) ofB)));
            asA().queryParam("service", b).get("/api/v1/maintenance-windows").then().statusCode(200)
                    .body("id", not(hasItem((int) ofB)));
            String detail = "Maintenance window " + ofB + " does not exist.";
            assertNotFound(asA().get("/api/v1/maintenance-windows/{id}", ofB).then(), detail);
            assertNotFound(asA().contentType(ContentType.JSON).body(body(a, "stolen"))
                    .put("/api/v1/maintenance-windows/{id}", ofB).then(), detail);
            assertNotFound(asA().delete("/api/v1/maintenance-windows/{id}", ofB).then(), detail);
            given().get("/api/v1/maintenance-windows/{id}", ofB).then().statusCode(200).body("service", equalTo(b))
                    .body("title", equalTo("upgrade"));

            asA().get("/api/v1/maintenance-windows/{id}", global).then().statusCode(200);
            asA().delete("/api/v1/maintenance-windows/{id}", global).then().statusCode(403).contentType(PROBLEM);
            asA().contentType(ContentType.JSON).body(body(a, "narrowed")).put("/api/v1/maintenance-windows/{id}", global)
                    .then().statusCode(403);
            window(asA(), null).statusCode(403).contentType(PROBLEM);
            window(asA(), b).statusCode(403).contentType(PROBLEM);
            asA().contentType(ContentType.JSON).body(body(b, "moved")).put("/api/v1/maintenance-windows/{id}", ofA).then()
                    .statusCode(403);

            asA().get("/api/v1/maintenance-windows/{id}", ofA).then().statusCode(200);
            asA().contentType(ContentType.JSON).body(body(a, "renamed")).put("/api/v1/maintenance-windows/{id}", ofA)
                    .then().statusCode(200).body("title", equalTo("renamed"));
            long mine = window(asA(), a).statusCode(201).extract().jsonPath().getLong("id");
            asA().delete("/api/v1/maintenance-windows/{id}", mine).then().statusCode(204);
        } finally {
            for (long id : List.of(ofA, ofB, global)) {
                given().delete("/api/v1/maintenance-windows/{id}", id);
            }
        }
    }

    @Test
    void integrationsAndWebhooksNeedAnUnscopedToken() {
        for (String path : List.of("/api/v1/integrations", "/api/v1/webhooks")) {
            asA().get(path).then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
            given().get(path).then().statusCode(200);
        }
        asA().contentType(ContentType.JSON).body(Map.of("name", "scoped-" + a, "kind", "pagerduty", "service", a))
                .post("/api/v1/integrations").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void signalsAreNotScoped() {
        String prober = Tokens.scoped("prober-eu", Set.of("prober"), a);
        given().header("Authorization", "Bearer " + prober).contentType(ContentType.JSON).body(downSignal(b))
                .post("/api/v1/signals").then().statusCode(202);
        given().queryParam("service", b).get("/api/v1/incidents").then().statusCode(200).body("$", hasSize(1));
    }

    /** A one-off window in 1999, before every test's outages (so it flags none). */
    private static Map<String, Object> body(String service, String title) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "startsAt", "1999-01-01T00:00:00Z", "endsAt",
                "1999-01-01T01:00:00Z"));
        if (service != null) {
            body.put("service", service);
        }
        return body;
    }

    private static ValidatableResponse window(RequestSpecification as, String service) {
        return as.contentType(ContentType.JSON).body(body(service, "upgrade")).post("/api/v1/maintenance-windows").then();
    }
}
