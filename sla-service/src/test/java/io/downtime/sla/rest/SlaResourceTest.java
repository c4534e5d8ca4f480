package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SlaResourceTest {

    static final String PROBLEM = "application/problem+json";

    static final String VALID = """
            {"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"3600.00","currency":"USD"},
             "creditTiers":[{"belowPercent":99.9,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}]}""";

    static String service() {
        return "svc-" + UUID.randomUUID();
    }

    static String path(String service) {
        return "/api/v1/slas/" + service;
    }

    @Test
    void putCreatesThenReplacesAndGetReturnsIt() {
        String service = service();
        given().contentType(ContentType.JSON).body(VALID)
                .when().put(path(service))
                .then().statusCode(201)
                .header("Location", endsWith(path(service)))
                .contentType(ContentType.JSON)
                .body("service", equalTo(service))
                .body("objective", equalTo(99.9f))
                .body("window", equalTo("P30D"))
                .body("revenue.model", equalTo("flat"))
                .body("revenue.amountPerHour", equalTo("3600.00"))
                .body("revenue.currency", equalTo("USD"))
                .body("creditTiers", hasSize(2))
                .body("creditTiers[0].belowPercent", equalTo(99.9f))
                .body("creditTiers[0].creditPercent", equalTo(10))
                .body("creditTiers[1].belowPercent", equalTo(99.0f))
                .body("creditTiers[1].creditPercent", equalTo(25))
                .body("updatedAt", notNullValue());

        given().when().get(path(service))
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("objective", equalTo(99.9f))
                .body("revenue.amountPerHour", equalTo("3600.00"))
                .body("creditTiers", hasSize(2));

        given().contentType(ContentType.JSON)
                .body("""
                        {"objective":99.95,"window":"PT48H","creditTiers":[{"belowPercent":100,"creditPercent":5}]}""")
                .when().put(path(service))
                .then().statusCode(200)
                .header("Location", (String) null)
                .body("objective", equalTo(99.95f))
                .body("window", equalTo("P2D"))
                .body("revenue", equalTo(null))
                .body("creditTiers", hasSize(1));

        given().when().get(path(service))
                .then().statusCode(200)
                .body("objective", equalTo(99.95f))
                .body("window", equalTo("P2D"))
                .body("revenue", equalTo(null))
                .body("creditTiers", hasSize(1))
                .body("creditTiers[0].belowPercent", equalTo(100))
                .body("creditTiers[0].creditPercent", equalTo(5));
    }

    @Test
    void boundaryValuesAreAccepted() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"objective":0.001,"window":"P1D","revenue":{"model":"flat","amountPerHour":"0","currency":"ETH"},
                         "creditTiers":[{"belowPercent":100,"creditPercent":0},{"belowPercent":0.001,"creditPercent":100}]}""")
                .when().put(path(service()))
                .then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("""
                        {"objective":99.999,"window":"P366D","revenue":{"model":"flat","amountPerHour":"12.5","currency":"USDC012345"},
                         "creditTiers":[]}""")
                .when().put(path(service()))
                .then().statusCode(201)
                .body("creditTiers", empty());
        // 10 fraction digits is the most numeric input may carry
        given().contentType(ContentType.JSON)
                .body("""
                        {"objective":99.9999999999,"window":"P30D",
                         "creditTiers":[{"belowPercent":99.9999999999,"creditPercent":0.0000000001}]}""")
                .when().put(path(service()))
                .then().statusCode(201)
                .body("creditTiers[0].creditPercent", equalTo(1.0E-10f));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"window\":\"P30D\"}", "objective"),
                Arguments.of("{\"objective\":0,\"window\":\"P30D\"}", "objective"),
                Arguments.of("{\"objective\":100,\"window\":\"P30D\"}", "objective"),
                Arguments.of("{\"objective\":-5,\"window\":\"P30D\"}", "objective"),
                Arguments.of("{\"objective\":99.9}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"P0D\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"P367D\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"PT1H\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"P1DT1H\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"calendar-year\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"Calendar-Month\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"calendar-day\"}", "window"),
                Arguments.of("{\"objective\":99.9,\"window\":\"-P30D\"}", "window"),
                Arguments.of(revenue("\"model\":\"tiered\",\"amountPerHour\":\"1\",\"currency\":\"USD\""), "revenue.model"),
                Arguments.of(revenue("\"amountPerHour\":\"1\",\"currency\":\"USD\""), "revenue.model"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"-1\",\"currency\":\"USD\""),
                        "revenue.amountPerHour"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"1e3\",\"currency\":\"USD\""),
                        "revenue.amountPerHour"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"abc\",\"currency\":\"USD\""),
                        "revenue.amountPerHour"),
                Arguments.of(revenue("\"model\":\"flat\",\"currency\":\"USD\""), "revenue.amountPerHour"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"1\",\"currency\":\"US\""), "revenue.currency"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"1\",\"currency\":\"ABCDEFGHIJK\""),
                        "revenue.currency"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"1\",\"currency\":\"usd\""), "revenue.currency"),
                Arguments.of(revenue("\"model\":\"flat\",\"amountPerHour\":\"1\""), "revenue.currency"),
                Arguments.of(tiers("{\"belowPercent\":0,\"creditPercent\":10}"), "creditTiers[0].belowPercent"),
                Arguments.of(tiers("{\"belowPercent\":100.01,\"creditPercent\":10}"), "creditTiers[0].belowPercent"),
                Arguments.of(tiers("{\"creditPercent\":10}"), "creditTiers[0].belowPercent"),
                Arguments.of(tiers("{\"belowPercent\":99,\"creditPercent\":-1}"), "creditTiers[0].creditPercent"),
                Arguments.of(tiers("{\"belowPercent\":99,\"creditPercent\":100.5}"), "creditTiers[0].creditPercent"),
                Arguments.of(tiers("{\"belowPercent\":99.9,\"creditPercent\":10},{\"belowPercent\":99}"),
                        "creditTiers[1].creditPercent"),
                Arguments.of(tiers("{\"belowPercent\":99.0,\"creditPercent\":10},{\"belowPercent\":99.9,\"creditPercent\":25}"),
                        "creditTiers"),
                Arguments.of(tiers("{\"belowPercent\":99.9,\"creditPercent\":10},{\"belowPercent\":99.9,\"creditPercent\":25}"),
                        "creditTiers"),
                Arguments.of(tiers("{\"belowPercent\":99.9,\"creditPercent\":25},{\"belowPercent\":99.0,\"creditPercent\":10}"),
                        "creditTiers"),
                Arguments.of(tiers("{\"belowPercent\":99.9,\"creditPercent\":10},{\"belowPercent\":99.0,\"creditPercent\":10}"),
                        "creditTiers"),
                Arguments.of(tiers("null"), "creditTiers[0]"),
                // within (0, 100) but beyond what PostgreSQL numeric stores: at most 10 fraction digits
                Arguments.of("{\"objective\":1e-20000,\"window\":\"P30D\"}", "objective"),
                Arguments.of("{\"objective\":99.12345678901,\"window\":\"P30D\"}", "objective"),
                Arguments.of(tiers("{\"belowPercent\":1e-20000,\"creditPercent\":10}"), "creditTiers[0].belowPercent"),
                Arguments.of(tiers("{\"belowPercent\":99,\"creditPercent\":1e-20000}"), "creditTiers[0].creditPercent"),
                Arguments.of(tiers("{\"belowPercent\":99,\"creditPercent\":0e-20000}"), "creditTiers[0].creditPercent"));
    }

    static String revenue(String revenue) {
        return "{\"objective\":99.9,\"window\":\"P30D\",\"revenue\":{" + revenue + "}}";
    }

    static String tiers(String tiers) {
        return "{\"objective\":99.9,\"window\":\"P30D\",\"creditTiers\":[" + tiers + "]}";
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSlaIsRejectedWith422AndNotStored(String body, String field) {
        String service = service();
        given().contentType(ContentType.JSON).body(body)
                .when().put(path(service))
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("violations.field", hasItem(field));

        given().when().get(path(service))
                .then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void invalidReplacementLeavesTheStoredSlaUnchanged() {
        String service = service();
        String updatedAt = given().contentType(ContentType.JSON).body(VALID)
                .when().put(path(service))
                .then().statusCode(201)
                .extract().path("updatedAt");

        given().contentType(ContentType.JSON)
                .body(tiers("{\"belowPercent\":99.0,\"creditPercent\":10},{\"belowPercent\":99.9,\"creditPercent\":25}"))
                .when().put(path(service))
                .then().statusCode(422)
                .contentType(PROBLEM);

        given().when().get(path(service))
                .then().statusCode(200)
                .body("updatedAt", equalTo(updatedAt))
                .body("window", equalTo("P30D"))
                .body("revenue.currency", equalTo("USD"))
                .body("creditTiers", hasSize(2));
    }

    @Test
    void malformedJsonIs400() {
        String service = service();
        given().contentType(ContentType.JSON).body("{\"objective\":99.9,")
                .when().put(path(service))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"objective\":\"ninety-nine\",\"window\":\"P30D\"}")
                .when().put(path(service))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("objective"));
        given().when().get(path(service)).then().statusCode(404);
    }

    @Test
    void missingBodyIs422() {
        given().contentType(ContentType.JSON)
                .when().put(path(service()))
                .then().statusCode(422)
                .contentType(PROBLEM);
    }

    @Test
    void unknownSlaIs404Problem() {
        given().when().get(path(service()))
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("detail", startsWith("no SLA for service"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/slas/{service}/report"));
    }
}
