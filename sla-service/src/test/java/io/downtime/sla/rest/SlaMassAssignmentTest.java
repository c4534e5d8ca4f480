package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * OWASP API3 (mass assignment): an SLA's server-owned fields ({@code service}, which comes from the path,
 * {@code id}, {@code createdAt}, {@code updatedAt}, {@code status}) sent in a {@code PUT} body are ignored.
 */
@QuarkusTest
class SlaMassAssignmentTest {

    private static final String LONG_AGO = "2001-01-01T00:00:00Z";

    @Test
    void serverOwnedFieldsInThePutBodyAreIgnored() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"objective":99.9,"window":"P30D","service":"someone-else","id":987654321,"status":"BREACHED",
                 "createdAt":"%s","updatedAt":"%s"}""".formatted(LONG_AGO, LONG_AGO);
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/slas/" + service)
                .then().statusCode(equalTo(201))
                .body("service", equalTo(service))
                .body("updatedAt", not(equalTo(LONG_AGO)))
                .body("id", nullValue())
                .body("status", nullValue());
        given().when().get("/api/v1/slas/someone-else").then().statusCode(404);
        given().when().get("/api/v1/slas/" + service).then().statusCode(200)
                .body("service", equalTo(service))
                .body("updatedAt", not(equalTo(LONG_AGO)));
    }
}
