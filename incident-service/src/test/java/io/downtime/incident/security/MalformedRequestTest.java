package io.downtime.incident.security;

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
 * Requests broken below the JSON level (issue 7, hostile input; checks in test-support's {@link MalformedRequests}): a
 * service whose JSON carries ill-formed UTF-8 is {@code 400} problem+json and not stored (common's StrictUtf8); a request
 * line or header block over Vert.x's limits is {@code 414} / {@code 431}; a {@code %00} in the query is {@code 400}
 * problem+json (common's NulInUrl).
 */
@QuarkusTest
class MalformedRequestTest {

    @TestHTTPResource("/")
    URI base;

    private static String service(String name, String description) {
        return """
                {"name":"%s","description":"%s"}""".formatted(name, description);
    }

    @Test
    void illFormedUtf8IsMalformedJsonAndNothingIsStored() {
        String name = "utf8-" + UUID.randomUUID().toString().substring(0, 8);
        // the same body, well-formed: stored, so the only fault of the others is their encoding
        given().contentType(ContentType.JSON).body(service(name + "-ok", "caf\u00e9 /")).post("/api/v1/services")
                .then().statusCode(201);
        MalformedRequests.assertIllFormedUtf8Refused(base, "POST", "/api/v1/services", service(name, "a@@b"), "@@",
                Tokens.all());
        given().get("/api/v1/services/" + name).then().statusCode(404);
        given().get("/api/v1/services/" + name + "-ok").then().statusCode(200);
    }

    @Test
    void requestLineOverTheLimitIs414() {
        MalformedRequests.assertRequestLineTooLong(base, "/api/v1/incidents");
    }

    @Test
    void headersOverTheLimitAre431() {
        MalformedRequests.assertHeadersTooLarge(base, "/api/v1/incidents");
    }

    @Test
    void nulInTheQueryIs400() {
        MalformedRequests.assertNulInQueryRefused(base, "/api/v1/incidents", "service", Tokens.all());
    }
}
