package io.downtime.incident.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.downtime.testsupport.WithoutDefaultToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what on incident-service: signals and heartbeats come from {@code prober} only; incidents, services and
 * outages are read by {@code viewer} and above; the incident lifecycle needs {@code responder}; everything else
 * under {@code /api/} needs {@code admin}; integration intake paths are left to their integration keys.
 */
@QuarkusTest
@WithoutDefaultToken
class IncidentAuthTest {

    private static final String PROBLEM = "application/problem+json";
    private static final List<Integer> REFUSED = List.of(401, 403);

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + Tokens.of(role));
    }

    private static Map<String, Object> downSignal(String service) {
        Instant observed = Instant.parse("2021-01-01T00:00:00Z");
        Map<String, Object> signal = new HashMap<>(Map.of("id", UUID.randomUUID().toString(), "region", "eu",
                "target", "auth-" + service, "targetId", "1", "service", service, "kind", "http", "state", "DOWN",
                "reason", "timeout", "evidence", Map.of("latencyMs", 3)));
        signal.put("observedAt", observed.toString());
        signal.put("confirmedAt", observed.plusSeconds(5).toString());
        return signal;
    }

    /** Opens an incident through the prober intake; returns its id (read back as viewer). */
    private static long openIncident() {
        String service = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        as("prober").contentType(ContentType.JSON).body(downSignal(service)).post("/api/v1/signals").then()
                .statusCode(202);
        return as("viewer").queryParam("service", service).get("/api/v1/incidents").then().statusCode(200)
                .extract().jsonPath().getLong("[0].id");
    }

    @Test
    void noTokenIs401Problem() {
        given().get("/api/v1/incidents").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(downSignal("anon")).post("/api/v1/signals").then()
                .statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/services/x/outages").then().statusCode(401);
    }

    @Test
    void expiredOrStrangerSignedTokensAre401() {
        for (String token : List.of(Tokens.expired(), Tokens.signedByStranger())) {
            given().header("Authorization", "Bearer " + token).get("/api/v1/incidents").then().statusCode(401)
                    .contentType(PROBLEM).body(not(containsString("at io.")));
        }
    }

    @Test
    void onlyProberSendsSignalsAndHeartbeats() {
        as("viewer").contentType(ContentType.JSON).body(downSignal("v")).post("/api/v1/signals").then()
                .statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        as("admin").contentType(ContentType.JSON).body(downSignal("a")).post("/api/v1/signals").then()
                .statusCode(403);
        as("viewer").contentType(ContentType.JSON).body("{}").post("/api/v1/heartbeats").then().statusCode(403);
        // the prober is let through (whatever the intake then says about the body)
        as("prober").contentType(ContentType.JSON).body("{}").post("/api/v1/heartbeats").then()
                .statusCode(not(in(REFUSED)));
    }

    @Test
    void proberCannotReadIncidents() {
        as("prober").get("/api/v1/incidents").then().statusCode(403).contentType(PROBLEM);
        as("prober").get("/api/v1/services/x/outages").then().statusCode(403);
    }

    @Test
    void viewerReadsButCannotAcknowledge() {
        long id = openIncident();
        as("viewer").get("/api/v1/incidents/" + id).then().statusCode(200).body("status", equalTo("TRIGGERED"));
        as("viewer").get("/api/v1/services/x/outages").then().statusCode(200);
        as("viewer").post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(403).contentType(PROBLEM);
        as("prober").post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(403);
        as("viewer").get("/api/v1/incidents/" + id).then().body("status", equalTo("TRIGGERED"));
    }

    @Test
    void responderAndAdminRunTheLifecycle() {
        long id = openIncident();
        as("responder").post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        as("responder").post("/api/v1/incidents/" + id + "/mitigate").then().statusCode(200);
        as("admin").post("/api/v1/incidents/" + id + "/resolve").then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
        // notes and postmortems: responder writes, viewer reads (not refused by the policies)
        as("responder").contentType(ContentType.JSON).body("{}").post("/api/v1/incidents/" + id + "/notes").then()
                .statusCode(not(in(REFUSED)));
        as("responder").contentType(ContentType.JSON).body("{}").put("/api/v1/incidents/" + id + "/postmortem")
                .then().statusCode(not(in(REFUSED)));
        as("viewer").get("/api/v1/incidents/" + id + "/postmortem").then().statusCode(not(in(REFUSED)));
        as("viewer").contentType(ContentType.JSON).body("{}").put("/api/v1/incidents/" + id + "/postmortem").then()
                .statusCode(403);
    }

    @Test
    void configurationNeedsAdmin() {
        String body = "{\"name\":\"auth-svc\"}";
        as("responder").contentType(ContentType.JSON).body(body).post("/api/v1/services").then().statusCode(403)
                .contentType(PROBLEM);
        as("viewer").contentType(ContentType.JSON).body(body).post("/api/v1/maintenance-windows").then()
                .statusCode(403);
        as("responder").contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(403);
        as("viewer").get("/api/v1/webhooks").then().statusCode(403);
        as("responder").delete("/api/v1/incidents/1").then().statusCode(403);
        as("admin").contentType(ContentType.JSON).body(body).post("/api/v1/services").then()
                .statusCode(not(in(REFUSED)));
    }

    @Test
    void unknownApiPathsNeedAdmin() {
        as("viewer").get("/api/v1/not-yet-written").then().statusCode(403).contentType(PROBLEM);
        as("responder").post("/api/v1/integrations/keys").then().statusCode(403);
        given().get("/api/v1/not-yet-written").then().statusCode(401);
        as("admin").get("/api/v1/not-yet-written").then().statusCode(404);
    }

    @Test
    void alertmanagerIntakeRequiresAnIntegrationKeyBeforeAnythingElse() {
        // no key: 401 problem+json, whatever the body (nothing about the payload's shape is revealed)
        for (String body : List.of("{}", "{\"version\":\"4\",\"alerts\":[]}")) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/alertmanager").then()
                    .statusCode(401).contentType(containsString("application/problem+json"))
                    .body("detail", containsString("integration key"));
        }
        // one of our JWTs is not an integration key either
        given().header("Authorization", "Bearer " + Tokens.all()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/integrations/alertmanager").then().statusCode(401);
    }

    @Test
    void integrationIntakeIsLeftToIntegrationKeys() {
        // Alertmanager sends its own bearer credential (not one of our JWTs): the HTTP policies neither check nor
        // refuse it; the intake resources check the integration key
        for (String path : List.of("/api/v1/integrations/alertmanager", "/api/v1/integrations/alertmanager/k1",
                "/v2/enqueue")) {
            given().header("Authorization", "Bearer not-a-jwt").contentType(ContentType.JSON).body("{}").post(path)
                    .then().body(not(containsString("A valid bearer token is required")));
            given().contentType(ContentType.JSON).body("{}").post(path).then()
                    .body(not(containsString("A valid bearer token is required")));
        }
    }
}
