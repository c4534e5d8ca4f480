package io.downtime.probe.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * OWASP API3 (mass assignment): a target's server-owned fields ({@code id}, {@code createdAt}, {@code updatedAt},
 * the probed {@code status}/{@code state}) sent in create or update bodies are ignored, never applied.
 */
@QuarkusTest
class TargetMassAssignmentTest {

    private static final String LONG_AGO = "2001-01-01T00:00:00Z";

    private static String body(String name, long id) {
        return """
                {"name":"%s","service":"mass","kind":"http","url":"http://127.0.0.1:1/health","intervalSeconds":3600,
                 "id":%d,"status":"DOWN","state":"DOWN","createdAt":"%s","updatedAt":"%s"}"""
                .formatted(name, id, LONG_AGO, LONG_AGO);
    }

    @Test
    void createAndUpdateIgnoreIdTimestampsAndStatus() {
        String name = "mass-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = given().contentType(ContentType.JSON).body(body(name, 987654321L))
                .when().post("/api/v1/targets").then().statusCode(201)
                .body("createdAt", not(equalTo(LONG_AGO)))
                .body("updatedAt", not(equalTo(LONG_AGO)))
                .body("status", nullValue())
                .extract().jsonPath();
        long id = created.getLong("id");
        assertNotEquals(987654321L, id);
        given().when().get("/api/v1/targets/987654321").then().statusCode(404);

        // an update naming another id changes this target only, and keeps its id and creation time
        given().contentType(ContentType.JSON).body(body(name, id + 1000))
                .when().put("/api/v1/targets/" + id).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("createdAt", equalTo(created.getString("createdAt")))
                .body("updatedAt", not(equalTo(LONG_AGO)));
        given().when().get("/api/v1/targets/" + (id + 1000)).then().statusCode(404);
    }
}
