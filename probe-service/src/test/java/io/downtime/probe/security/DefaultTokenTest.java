package io.downtime.probe.security;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * test-support's DefaultBearerToken: requests of tests written before authentication carry an all-roles token, and a
 * request's own {@code Authorization} header replaces it (not sent alongside).
 */
@QuarkusTest
class DefaultTokenTest {

    @Test
    void requestsCarryTheAllRolesTokenUnlessTheySetTheirOwn() {
        given().get("/api/v1/targets").then().statusCode(200);
        given().header("Authorization", "Bearer " + Tokens.of("viewer")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/targets").then().statusCode(403);
        given().header("Authorization", "Bearer " + Tokens.expired()).get("/api/v1/targets").then().statusCode(401);
    }
}
