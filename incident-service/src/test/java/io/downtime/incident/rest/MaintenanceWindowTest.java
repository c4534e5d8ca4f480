package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incident;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Maintenance windows suppress the page and flag the outage for SLA exclusion. */
@QuarkusTest
class MaintenanceWindowTest {

    @Test
    void oneOffWindowSuppressesThePageAndFlagsTheOutage() {
        String service = unique("svc");
        create(Map.of("service", service, "title", "node upgrade", "startsAt", at(0).toString(), "endsAt",
                at(3600).toString())).statusCode(201);

        send(signal(service, unique("node"), "eu", "DOWN", "head_stale", at(60)));
        long id = onlyIncidentId(service);
        JsonPath incident = incident(id);
        assertEquals("MAINTENANCE", incident.getString("cause"));
        assertFalse(incident.getBoolean("paged"));
        assertTrue(incident.<String> getList("timeline.type").contains("MAINTENANCE"));
        JsonPath outage = outages(service);
        assertTrue(outage.getBoolean("[0].maintenance"));
        assertEquals("MAINTENANCE", outage.getString("[0].cause"));
        assertEquals("DOWN", outage.getString("[0].state"));
    }

    @Test
    void outageOutsideTheWindowPagesAsUsual() {
        String service = unique("svc");
        create(Map.of("service", service, "title", "upgrade", "startsAt", at(0).toString(), "endsAt",
                at(60).toString())).statusCode(201);
        send(signal(service, unique("node"), "eu", "DOWN", "head_stale", at(60)));
        JsonPath incident = incident(onlyIncidentId(service));
        assertTrue(incident.getBoolean("paged"));
        assertEquals("TECHNICAL_FAILURE", incident.getString("cause"));
        assertFalse(outages(service).getBoolean("[0].maintenance"));
    }

    @Test
    void cronWindowReadInItsTimeZone() {
        String service = unique("svc");
        String node = unique("node");
        // every day 02:00-03:00 Berlin time (CET = UTC+1 in January)
        create(Map.of("service", service, "title", "nightly", "cron", "0 2 * * *", "durationSeconds", 3600, "timezone",
                "Europe/Berlin")).statusCode(201);

        send(signal(service, node, "eu", "DOWN", "timeout", Instant.parse("2021-01-05T01:30:00Z")));
        send(signal(service, node, "eu", "UP", "ok", Instant.parse("2021-01-05T01:40:00Z")));
        send(signal(service, node, "eu", "DOWN", "timeout", Instant.parse("2021-01-05T02:00:00Z")));

        JsonPath outages = outages(service);
        assertEquals(2, outages.getList("$").size());
        assertTrue(outages.getBoolean("[0].maintenance"), "02:30 Berlin is inside");
        assertFalse(outages.getBoolean("[1].maintenance"), "03:00 Berlin is the end, outside");
        assertFalse(incident(outages.getLong("[0].incidentId")).getBoolean("paged"));
        assertTrue(incident(outages.getLong("[1].incidentId")).getBoolean("paged"));
    }

    @Test
    void windowWithoutServiceAppliesToAll() {
        String service = unique("svc");
        // a range no other test uses
        String id = create(Map.of("title", "provider-wide", "startsAt", "2005-03-01T00:00:00Z", "endsAt",
                "2005-03-02T00:00:00Z")).statusCode(201).extract().jsonPath().getString("id");
        try {
            send(signal(service, unique("node"), "eu", "DOWN", "timeout", Instant.parse("2005-03-01T10:00:00Z")));
            assertTrue(outages(service).getBoolean("[0].maintenance"));
            assertEquals(1, given().queryParam("service", service).when().get("/api/v1/maintenance-windows").then()
                    .statusCode(200).extract().jsonPath().getList("findAll { it.id == " + id + " }").size());
        } finally {
            given().when().delete("/api/v1/maintenance-windows/{id}", id).then().statusCode(204);
        }
        given().when().get("/api/v1/maintenance-windows/{id}", id).then().statusCode(404);
    }

    @Test
    void invalidWindowsAre422() {
        create(Map.of("title", "x", "startsAt", at(10).toString(), "endsAt", at(0).toString())).statusCode(422);
        create(Map.of("title", "x", "cron", "not a cron", "durationSeconds", 60, "timezone", "UTC")).statusCode(422);
        create(Map.of("title", "x", "cron", "0 2 * * *", "durationSeconds", 60, "timezone", "Mars/Base")).statusCode(422);
        create(Map.of("title", "x", "rrule", "FREQ=SOMETIMES", "startsAt", at(0).toString(), "durationSeconds", 60,
                "timezone", "UTC")).statusCode(422);
        create(Map.of("title", "x", "cron", "0 2 * * *", "rrule", "FREQ=DAILY", "durationSeconds", 60, "timezone", "UTC"))
                .statusCode(422);
        create(Map.of("title", "", "startsAt", at(0).toString(), "endsAt", at(10).toString())).statusCode(422)
                .contentType("application/problem+json");
        given().when().get("/api/v1/maintenance-windows/{id}", 987654321).then().statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/maintenance-windows").then();
    }
}
