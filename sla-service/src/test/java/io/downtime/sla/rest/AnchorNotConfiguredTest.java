package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Without {@code downtime.sla.anchor.*} (the default), anchoring answers 503 and stores nothing. */
@QuarkusTest
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
class AnchorNotConfiguredTest {

    @Test
    void anchoringIs503WithAClearDetail() {
        String service = SlaReportTest.serviceWith(SlaReportTest.SLA);
        given().queryParam("from", SlaReportTest.FROM).queryParam("to", SlaReportTest.TO)
                .when().post("/api/v1/slas/" + service + "/reports/anchor")
                .then().statusCode(503)
                .contentType(SlaResourceTest.PROBLEM)
                .body("status", equalTo(503))
                .body("detail", containsString("anchoring is not configured"))
                .body("detail", containsString("DOWNTIME_SLA_ANCHOR_RPC_URL"))
                .body("detail", containsString("DOWNTIME_SLA_ANCHOR_CHAIN_ID"))
                .body("detail", containsString("DOWNTIME_SLA_ANCHOR_PRIVATE_KEY"));
        given().when().get("/api/v1/slas/" + service + "/reports/anchors")
                .then().statusCode(200)
                .body("", hasSize(0));
        given().when().get("/api/v1/slas/" + service + "/reports/anchors/1/verify")
                .then().statusCode(404)
                .contentType(SlaResourceTest.PROBLEM);
    }
}
