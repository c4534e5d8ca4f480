package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** incident-service is unreachable: the status page still renders, with a notice instead of the missing data. */
@QuarkusTest
@TestProfile(StatusPageUnavailableTest.Unreachable.class)
class StatusPageUnavailableTest {

    /** Nothing listens on port 1. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.incident.url", "http://127.0.0.1:1",
                    "downtime.sla.status.services", "status-dex");
        }
    }

    @Test
    void pageRendersWithANotice() {
        given().contentType(ContentType.JSON).body(StatusPageTest.SLA)
                .when().put("/api/v1/slas/status-dex")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));

        String html = given().when().get("/status")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .extract().asString();

        assertTrue(html.contains("Some data is unavailable"), html);
        assertTrue(html.contains("incident-service"), html);
        String dex = StatusPageTest.section(html, "status-dex");
        assertTrue(dex.contains("state state-unknown\">Unknown<"), dex);
        assertTrue(dex.contains("Uptime history unavailable"), dex);
        assertTrue(dex.contains("Active incidents unavailable"), dex);
        assertFalse(dex.contains("class=\"bar "), dex);
    }
}
