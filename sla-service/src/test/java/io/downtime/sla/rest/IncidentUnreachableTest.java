package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** incident-service is unreachable (nothing listens on port 1): reports fail with 503, never a wrong number. */
@QuarkusTest
@TestProfile(IncidentUnreachableTest.Unreachable.class)
class IncidentUnreachableTest {

    /** Points the incident client at a port where nothing listens. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.incident.url", "http://127.0.0.1:1");
        }
    }

    @Test
    void reportIs503AndTheCircuitBreakerOpens() {
        String service = "svc-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(SlaReportTest.SLA)
                .when().put("/api/v1/slas/" + service)
                .then().statusCode(201);

        given().when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(503)
                .contentType(SlaResourceTest.PROBLEM)
                .body("status", equalTo(503))
                .body("detail", containsString("incident-service is unavailable"));

        // 3 attempts per report; after 10 failed attempts the breaker opens and reports fail fast, still with 503
        for (int i = 0; i < 3; i++) {
            given().when().get("/api/v1/slas/" + service + "/report").then().statusCode(503);
        }
        given().when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(503)
                .contentType(SlaResourceTest.PROBLEM)
                .body("detail", containsString("circuit breaker open"));
    }
}
