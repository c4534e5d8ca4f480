package io.downtime.sla.security;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.MalformedRequests;
import io.downtime.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Requests broken below the JSON level (issue 7, hostile input; checks in test-support's {@link MalformedRequests}): an
 * SLA whose JSON carries ill-formed UTF-8 is {@code 400} problem+json and not stored (common's StrictUtf8); a request
 * line or header block over Vert.x's limits is {@code 414} / {@code 431}; a {@code %00} in the query is {@code 400}
 * problem+json (common's NulInUrl).
 */
@QuarkusTest
class MalformedRequestTest {

    @TestHTTPResource("/")
    URI base;

    /** A valid SLA with an unknown property (ignored) that carries the bytes under test. */
    private static String sla(String note) {
        return """
                {"objective":99.9,"window":"P30D","creditTiers":[{"belowPercent":99.9,"creditPercent":10}],
                 "note":"%s"}""".formatted(note);
    }

    @Test
    void illFormedUtf8IsMalformedJsonAndNothingIsStored() {
        String service = "utf8-" + UUID.randomUUID().toString().substring(0, 8);
        // the same body, well-formed: stored, so the only fault of the others is their encoding
        given().contentType(ContentType.JSON).body(sla("caf\u00e9 /")).put("/api/v1/slas/" + service + "-ok").then()
                .statusCode(201);
        MalformedRequests.assertIllFormedUtf8Refused(base, "PUT", "/api/v1/slas/" + service, sla("a@@b"), "@@",
                Tokens.all());
        given().get("/api/v1/slas/" + service).then().statusCode(404);
    }

    @Test
    void requestLineOverTheLimitIs414() {
        MalformedRequests.assertRequestLineTooLong(base, "/api/v1/slas");
    }

    @Test
    void headersOverTheLimitAre431() {
        MalformedRequests.assertHeadersTooLarge(base, "/api/v1/slas");
    }

    @Test
    void nulInTheQueryIs400() {
        MalformedRequests.assertNulInQueryRefused(base, "/api/v1/slas", "service", Tokens.all());
    }
}
