package io.downtime.sla.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * OWASP API4: the per-client rate limit of {@code /api/**} (common's RateLimitFilter) with a bucket of 3 requests
 * refilled at 1 per hour, so that the 4th request of one token subject is refused whatever the machine's speed.
 */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
class RateLimitTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downtime.rate-limit.enabled", "true", "downtime.rate-limit.burst", "3",
                    "downtime.rate-limit.requests", "1", "downtime.rate-limit.period", "1h");
        }
    }

    @Test
    void aClientOverItsBucketGets429ProblemJsonWithRetryAfterAndOthersAreNotAffected() {
        String token = Tokens.forRoles("rate-limited", Tokens.ALL_ROLES);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/v1/slas/rate-limit-probe")
                    .then().statusCode(not(equalTo(429)));
        }
        Response refused = given().auth().oauth2(token).when().get("/api/v1/slas/rate-limit-probe");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"))
                .body("detail", containsString("retry after"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);

        // another subject has its own bucket
        given().auth().oauth2(Tokens.forRoles("someone-else", Tokens.ALL_ROLES)).when()
                .get("/api/v1/slas/rate-limit-probe").then().statusCode(not(equalTo(429)));
        // paths outside /api/** are not limited
        given().auth().oauth2(token).when().get("/q/openapi").then().statusCode(200);
        // requests without a valid token are refused before the limit (401), they consume nothing
        given().auth().oauth2("not-a-jwt").when().get("/api/v1/slas/rate-limit-probe").then().statusCode(401);
    }
}
