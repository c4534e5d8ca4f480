package io.downtime.incident.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document lists the issue-4 endpoints. */
@QuarkusTest
class OpenApiTest {

    @Test
    void documentsTheNewEndpoints() {
        String doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract()
                .asString();
        for (String path : List.of("/api/v1/heartbeats", "/api/v1/regions", "/api/v1/services/{name}/status",
                "/api/v1/services/{name}/metrics", "/api/v1/incidents/{id}/notes", "/api/v1/incidents/{id}/postmortem",
                "/api/v1/maintenance-windows/{id}")) {
            assertTrue(doc.contains("\"" + path + "\""), path);
        }
    }
}
