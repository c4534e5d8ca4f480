package io.downtime.probe.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Object-level authorization (OWASP API1) by the token's {@code services} claim: a token scoped to service A lists,
 * reads, changes and deletes A's targets; B's targets are left out of lists and answer 404 problem+json like an
 * unknown id (and stay unchanged); creating a target for B, or moving A's to B, is 403. Requests without an explicit
 * token carry the default unscoped all-roles token, which sees everything.
 */
@QuarkusTest
class ServiceScopeTest {

    private static final String PROBLEM = "application/problem+json";

    private final String a = "scope-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String b = "scope-b-" + UUID.randomUUID().toString().substring(0, 8);
    private final String tokenA = Tokens.scoped("alice", Set.of("viewer", "admin"), a);

    private RequestSpecification asA() {
        return given().header("Authorization", "Bearer " + tokenA);
    }

    private static String body(String name, String service, int interval) {
        return """
                {"name":"%s","service":"%s","kind":"http","url":"http://127.0.0.1:1/health","intervalSeconds":%d}"""
                .formatted(name, service, interval);
    }

    private static ValidatableResponse create(RequestSpecification as, String name, String service) {
        return as.contentType(ContentType.JSON).body(body(name, service, 3600)).post("/api/v1/targets").then();
    }

    private static void assertNotFound(ValidatableResponse response, long id) {
        response.statusCode(404).contentType(PROBLEM).body("status", equalTo(404))
                .body("detail", equalTo("no target with id " + id));
    }

    @Test
    void targetsOfAnotherServiceAreUnknownAndUnchanged() {
        String nameB = "b-" + UUID.randomUUID().toString().substring(0, 8);
        long idA = create(given(), "a-" + UUID.randomUUID().toString().substring(0, 8), a).statusCode(201).extract()
                .jsonPath().getLong("id");
        long idB = create(given(), nameB, b).statusCode(201).extract().jsonPath().getLong("id");

        asA().get("/api/v1/targets").then().statusCode(200).body("service", everyItem(equalTo(a)))
                .body("id", hasItem((int) idA)).body("id", not(hasItem((int) idB)));
        asA().queryParam("service", b).get("/api/v1/targets").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v1/targets").then().statusCode(200).body("id", hasItems((int) idA, (int) idB));

        // the same answer as an id that does not exist
        assertNotFound(asA().get("/api/v1/targets/{id}", idB).then(), idB);
        assertNotFound(asA().get("/api/v1/targets/{id}", Long.MAX_VALUE - 5).then(), Long.MAX_VALUE - 5);
        assertNotFound(asA().get("/api/v1/targets/{id}/status", idB).then(), idB);
        assertNotFound(asA().contentType(ContentType.JSON).body(body(nameB, a, 60)).put("/api/v1/targets/{id}", idB)
                .then(), idB);
        assertNotFound(asA().delete("/api/v1/targets/{id}", idB).then(), idB);
        given().get("/api/v1/targets/{id}", idB).then().statusCode(200).body("service", equalTo(b))
                .body("intervalSeconds", equalTo(3600));

        // writes naming B: 403, nothing stored
        String refused = "c-" + UUID.randomUUID().toString().substring(0, 8);
        create(asA(), refused, b).statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().queryParam("service", b).get("/api/v1/targets").then().body("name", not(hasItem(refused)));
        String nameA = given().get("/api/v1/targets/{id}", idA).then().extract().path("name");
        asA().contentType(ContentType.JSON).body(body(nameA, b, 3600)).put("/api/v1/targets/{id}", idA).then()
                .statusCode(403).contentType(PROBLEM);
        given().get("/api/v1/targets/{id}", idA).then().body("service", equalTo(a));

        // A's own targets: readable, changeable, deletable
        asA().get("/api/v1/targets/{id}", idA).then().statusCode(200);
        asA().get("/api/v1/targets/{id}/status", idA).then().statusCode(200);
        asA().contentType(ContentType.JSON).body(body(nameA, a, 1800)).put("/api/v1/targets/{id}", idA).then()
                .statusCode(200).body("intervalSeconds", equalTo(1800));
        long mine = create(asA(), "m-" + UUID.randomUUID().toString().substring(0, 8), a).statusCode(201).extract()
                .jsonPath().getLong("id");
        asA().delete("/api/v1/targets/{id}", mine).then().statusCode(204);
        asA().delete("/api/v1/targets/{id}", idA).then().statusCode(204);
        given().delete("/api/v1/targets/{id}", idB).then().statusCode(204);
    }

    @Test
    void aTokenScopedToNoServiceSeesNoTarget() {
        long id = create(given(), "n-" + UUID.randomUUID().toString().substring(0, 8), a).statusCode(201).extract()
                .jsonPath().getLong("id");
        given().header("Authorization", "Bearer " + Tokens.scoped("nobody", Set.of("viewer")))
                .get("/api/v1/targets").then().statusCode(200).body("$", hasSize(0));
        given().delete("/api/v1/targets/{id}", id).then().statusCode(204);
    }
}
