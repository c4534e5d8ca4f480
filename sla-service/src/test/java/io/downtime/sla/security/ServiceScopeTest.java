package io.downtime.sla.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.sla.rest.FakeIncidentService;
import io.downtime.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Object-level authorization (OWASP API1) by the token's {@code services} claim: a token scoped to service A reads
 * and changes A's SLA, report, rules and anchors; everything under {@code /api/v1/slas/B} answers 404 problem+json like
 * a service without an SLA (PUT: 403) and B's SLA stays unchanged; an unscoped token sees both; the public status
 * page is not scoped.
 */
@QuarkusTest
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
class ServiceScopeTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SLA = """
            {"objective":99.9,"window":"P30D","creditTiers":[{"belowPercent":99.9,"creditPercent":10}]}""";

    private final String a = "scope-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String b = "scope-b-" + UUID.randomUUID().toString().substring(0, 8);
    private final String tokenA = Tokens.scoped("alice", Set.of("viewer", "admin"), a);

    private RequestSpecification asA() {
        return given().header("Authorization", "Bearer " + tokenA);
    }

    private static void put(RequestSpecification as, String service, String sla, int status) {
        as.contentType(ContentType.JSON).body(sla).put("/api/v1/slas/{s}", service).then().statusCode(status);
    }

    private void assertHidden(ValidatableResponse response) {
        response.statusCode(404).contentType(PROBLEM).body("status", equalTo(404))
                .body("detail", equalTo("no SLA for service '" + b + "'"));
    }

    @Test
    void slasOfAnotherServiceAreUnknownAndUnchanged() {
        FakeIncidentService.OUTAGES.put(a, List.of());
        FakeIncidentService.OUTAGES.put(b, List.of());
        put(given(), a, SLA, 201);
        put(given(), b, SLA, 201);

        for (String path : List.of("", "/report", "/prometheus-rules", "/reports/anchors", "/reports/anchors/1",
                "/reports/anchors/1/verify")) {
            assertHidden(asA().get("/api/v1/slas/{s}" + path, b).then());
        }
        assertHidden(asA().post("/api/v1/slas/{s}/reports/anchor", b).then());
        // the same answer as a service without an SLA
        given().get("/api/v1/slas/{s}", "no-sla-" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", containsString("no SLA for service"));

        asA().contentType(ContentType.JSON).body(SLA.replace("99.9,\"window", "90.0,\"window"))
                .put("/api/v1/slas/{s}", b).then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().get("/api/v1/slas/{s}", b).then().statusCode(200).body("objective", equalTo(99.9f));
        given().get("/api/v1/slas/{s}/report", b).then().statusCode(200);

        // its own service: everything works as for an unscoped token
        asA().get("/api/v1/slas/{s}", a).then().statusCode(200).body("service", equalTo(a));
        asA().get("/api/v1/slas/{s}/report", a).then().statusCode(200).body("service", equalTo(a));
        asA().get("/api/v1/slas/{s}/prometheus-rules", a).then().statusCode(200);
        asA().get("/api/v1/slas/{s}/reports/anchors", a).then().statusCode(200).body("size()", equalTo(0));
        asA().get("/api/v1/slas/{s}/reports/anchors/1", a).then().statusCode(404)
                .body("detail", equalTo("no anchor 1 for service '" + a + "'"));
        asA().post("/api/v1/slas/{s}/reports/anchor", a).then().statusCode(503); // anchoring is not configured here
        put(asA(), a, SLA.replace("99.9,\"window", "99.5,\"window"), 200);
        given().get("/api/v1/slas/{s}", a).then().statusCode(200).body("objective", equalTo(99.5f));
    }

    @Test
    void theStatusPageStaysPublicAndUnscoped() {
        FakeIncidentService.OUTAGES.put(b, List.of());
        put(given(), b, SLA, 201);
        asA().get("/status").then().statusCode(200).body(containsString(b));
    }
}
