package io.downtime.probe.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.downtime.testsupport.WithoutDefaultToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what on probe-service: targets are read by {@code viewer} (and the roles above it) and written by
 * {@code admin}; any other {@code /api/} path needs {@code admin}; refusals are problem+json.
 */
@QuarkusTest
@WithoutDefaultToken
class ProbeAuthTest {

    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String target() {
        return """
                {"name":"auth-%s","service":"auth","kind":"http","url":"http://127.0.0.1:1/health","intervalSeconds":3600}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void noTokenIs401ProblemWithBearerChallenge() {
        given().get("/api/v1/targets").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body(not(containsString("Exception")));
        given().contentType(ContentType.JSON).body(target()).post("/api/v1/targets").then().statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void expiredStrangerSignedOrForeignIssuerTokensAre401() {
        for (String token : new String[] { Tokens.expired(), Tokens.signedByStranger(), Tokens.fromIssuer("elsewhere"),
                "not-a-jwt" }) {
            as(token).get("/api/v1/targets").then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
        }
    }

    @Test
    void viewerReadsButCannotCreateTargets() {
        as(Tokens.of("viewer")).get("/api/v1/targets").then().statusCode(200);
        as(Tokens.of("viewer")).contentType(ContentType.JSON).body(target()).post("/api/v1/targets").then()
                .statusCode(403).contentType(PROBLEM).body("status", equalTo(403)).body("title", equalTo("Forbidden"));
        as(Tokens.of("responder")).contentType(ContentType.JSON).body(target()).post("/api/v1/targets").then()
                .statusCode(403);
        given().get("/api/v1/targets").then().statusCode(401);
    }

    @Test
    void adminCreatesReadsAndDeletes() {
        long id = as(Tokens.of("admin")).contentType(ContentType.JSON).body(target()).post("/api/v1/targets").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        as(Tokens.of("admin")).get("/api/v1/targets/" + id).then().statusCode(200);
        as(Tokens.of("viewer")).delete("/api/v1/targets/" + id).then().statusCode(403);
        as(Tokens.of("admin")).delete("/api/v1/targets/" + id).then().statusCode(204);
    }

    @Test
    void proberCannotReadTargets() {
        as(Tokens.of("prober")).get("/api/v1/targets").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void unknownApiPathsNeedAdmin() {
        as(Tokens.of("viewer")).get("/api/v1/not-yet-written").then().statusCode(403).contentType(PROBLEM);
        as(Tokens.of("responder")).post("/api/v2/anything").then().statusCode(403);
        given().get("/api/v1/not-yet-written").then().statusCode(401);
        as(Tokens.of("admin")).get("/api/v1/not-yet-written").then().statusCode(404);
    }

    @Test
    void openApiStaysPublic() {
        given().get("/q/openapi").then().statusCode(200);
    }
}
