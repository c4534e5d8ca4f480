package io.downtime.probe.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
 * target whose JSON carries ill-formed UTF-8 is {@code 400} problem+json and not stored (common's StrictUtf8); a request
 * line or header block over Vert.x's limits is {@code 414} / {@code 431}; a {@code %00} in the query is {@code 400}
 * problem+json (common's NulInUrl).
 */
@QuarkusTest
class MalformedRequestTest {

    @TestHTTPResource("/")
    URI base;

    private static String target(String name, String service, String bodyContains) {
        return """
                {"name":"%s","service":"%s","kind":"http","url":"https://127.0.0.1:9443/health","intervalSeconds":60,
                 "timeoutMs":800,"http":{"bodyContains":"%s"}}""".formatted(name, service, bodyContains);
    }

    @Test
    void illFormedUtf8IsMalformedJsonAndNothingIsStored() {
        String service = "utf8-" + UUID.randomUUID().toString().substring(0, 8);
        // the same body, well-formed: stored, so the only fault of the others is their encoding
        given().contentType(ContentType.JSON).body(target("well-formed", service, "caf\u00e9 /"))
                .post("/api/v1/targets").then().statusCode(201);
        MalformedRequests.assertIllFormedUtf8Refused(base, "POST", "/api/v1/targets",
                target("ill-formed", service, "a@@b"), "@@", Tokens.all());
        given().get("/api/v1/targets?service=" + service).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].name", equalTo("well-formed"));
    }

    @Test
    void requestLineOverTheLimitIs414() {
        MalformedRequests.assertRequestLineTooLong(base, "/api/v1/targets");
    }

    @Test
    void headersOverTheLimitAre431() {
        MalformedRequests.assertHeadersTooLarge(base, "/api/v1/targets");
    }

    @Test
    void nulInTheQueryIs400() {
        MalformedRequests.assertNulInQueryRefused(base, "/api/v1/targets", "service", Tokens.all());
    }
}
