package io.downtime.sla.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.sla.rest.FakeIncidentService;
import io.downtime.testsupport.Tokens;
import io.downtime.testsupport.WithoutDefaultToken;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what on sla-service: SLAs, reports, rules and anchors are read by {@code viewer} and above and written
 * (SLAs, anchoring) by {@code admin}; the status page is public; refusals are problem+json.
 */
@QuarkusTest
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
@WithoutDefaultToken
class SlaAuthTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SLA = """
            {"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"3600.00","currency":"USD"}}""";

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + Tokens.of(role));
    }

    private static String service() {
        return "auth-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminWritesViewerReadsOthersAreRefused() {
        String service = service();
        given().contentType(ContentType.JSON).body(SLA).put("/api/v1/slas/" + service).then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        as("viewer").contentType(ContentType.JSON).body(SLA).put("/api/v1/slas/" + service).then().statusCode(403)
                .contentType(PROBLEM).body("status", equalTo(403));
        as("responder").contentType(ContentType.JSON).body(SLA).put("/api/v1/slas/" + service).then()
                .statusCode(403);
        as("admin").contentType(ContentType.JSON).body(SLA).put("/api/v1/slas/" + service).then().statusCode(201);

        as("viewer").get("/api/v1/slas/" + service).then().statusCode(200).body("objective", equalTo(99.9f));
        as("viewer").get("/api/v1/slas/" + service + "/report").then().statusCode(200);
        as("responder").get("/api/v1/slas/" + service + "/prometheus-rules").then().statusCode(200);
        as("prober").get("/api/v1/slas/" + service).then().statusCode(403);
        given().get("/api/v1/slas/" + service + "/report").then().statusCode(401).contentType(PROBLEM);
        as("viewer").post("/api/v1/slas/" + service + "/reports/anchor").then().statusCode(403);
        as("viewer").delete("/api/v1/slas/" + service).then().statusCode(403);
    }

    @Test
    void badTokensAre401() {
        for (String token : new String[] { Tokens.expired(), Tokens.signedByStranger(), Tokens.fromIssuer("other") }) {
            given().header("Authorization", "Bearer " + token).get("/api/v1/slas/x").then().statusCode(401)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void statusPageIsPublicEvenWithAForeignToken() {
        given().get("/status").then().statusCode(200);
        given().header("Authorization", "Bearer not-a-jwt").get("/status").then().statusCode(200);
    }

    @Test
    void unknownApiPathsNeedAdmin() {
        as("viewer").get("/api/v1/budgets").then().statusCode(403).contentType(PROBLEM);
        as("admin").get("/api/v1/budgets").then().statusCode(404);
    }
}
