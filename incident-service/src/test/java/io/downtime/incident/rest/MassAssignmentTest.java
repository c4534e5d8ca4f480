package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * OWASP API3 (mass assignment): server-owned fields sent in request bodies ({@code id}, {@code status},
 * {@code createdAt}, {@code updatedAt}, {@code configured}, an incident's {@code status}, {@code resolvedAt},
 * {@code timeline}) are ignored, never applied. The request DTOs are records without these components, and Jackson
 * drops unknown properties.
 */
@QuarkusTest
class MassAssignmentTest {

    private static final String LONG_AGO = "2001-01-01T00:00:00Z";

    private static Map<String, Object> serverOwned() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", 987654321);
        fields.put("status", "RESOLVED");
        fields.put("createdAt", LONG_AGO);
        fields.put("updatedAt", LONG_AGO);
        return fields;
    }

    @Test
    void incidentPatchIgnoresStatusIdAndTimeline() {
        String service = unique("svc");
        send(signal(service, unique("tgt"), "eu", "DOWN", "timeout", at(0)));
        long id = onlyIncidentId(service);

        Map<String, Object> body = serverOwned();
        body.put("severity", "warning");
        body.put("resolvedAt", LONG_AGO);
        body.put("mitigatedAt", LONG_AGO);
        body.put("service", "someone-elses-service");
        body.put("timeline", java.util.List.of(Map.of("type", "RESOLVED")));
        given().contentType(ContentType.JSON).body(body).when().patch("/api/v1/incidents/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("severity", equalTo("warning"))
                .body("status", equalTo("TRIGGERED"))
                .body("resolvedAt", nullValue())
                .body("service", equalTo(service));
        JsonPath stored = Signals.incident(id);
        assertEquals("TRIGGERED", stored.getString("status"));
        assertEquals(service, stored.getString("service"));
        assertNotEquals(LONG_AGO, stored.getString("createdAt"));
    }

    @Test
    void serviceCreateIgnoresServerOwnedFields() {
        String name = unique("svc");
        Map<String, Object> body = serverOwned();
        body.put("name", name);
        body.put("configured", false);
        JsonPath created = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/services")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(name, created.getString("name"));
        assertNotEquals(LONG_AGO, created.getString("createdAt"));
        given().when().get("/api/v1/services/{name}", name).then().statusCode(200)
                .body("configured", equalTo(true))
                .body("createdAt", not(equalTo(LONG_AGO)));
    }

    @Test
    void maintenanceWindowCreateAndUpdateIgnoreServerOwnedFields() {
        Map<String, Object> body = serverOwned();
        body.put("service", unique("svc"));
        body.put("title", "upgrade");
        body.put("startsAt", at(0).toString());
        body.put("endsAt", at(3600).toString());
        JsonPath created = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/maintenance-windows")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        assertNotEquals("987654321", id);
        assertNotEquals(LONG_AGO, created.getString("createdAt"));

        body.put("id", 1);
        body.put("title", "upgrade, longer");
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/maintenance-windows/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(created.get("id")))
                .body("title", equalTo("upgrade, longer"));
        given().when().get("/api/v1/maintenance-windows/{id}", 987654321).then().statusCode(404);
    }

    @Test
    void webhookCreateIgnoresServerOwnedFields() {
        Map<String, Object> body = serverOwned();
        body.put("url", "http://127.0.0.1:1/hook");
        body.put("service", unique("svc"));
        body.put("lastDeliveryAt", LONG_AGO);
        JsonPath created = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/webhooks")
                .then().statusCode(201).body("id", notNullValue()).extract().jsonPath();
        assertNotEquals(987654321L, created.getLong("id"));
        assertNotEquals(LONG_AGO, created.getString("createdAt"));
        given().when().get("/api/v1/webhooks/{id}", 987654321).then().statusCode(404);
    }
}
