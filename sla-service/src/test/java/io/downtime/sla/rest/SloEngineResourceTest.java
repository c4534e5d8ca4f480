package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Collections;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** SLA definitions of the SLO engine: calendar windows, what counts, revenue lists, monthly fee, SLI queries. */
@QuarkusTest
class SloEngineResourceTest {

    static final String PROBLEM = SlaResourceTest.PROBLEM;

    static String volume(int values, String value) {
        return "[" + String.join(",", Collections.nCopies(values, "\"" + value + "\"")) + "]";
    }

    static final String FULL = """
            {"objective":99.95,"window":"calendar-month","timeZone":"Europe/Berlin","degradedWeight":0.5,
             "excludeCauses":["MAINTENANCE","CONSENSUS_DISRUPTION"],"minOutageSeconds":60,
             "revenue":[{"model":"flat","amountPerHour":"3600.00","currency":"USD"},
                        {"model":"volume","hourlyVolume":%s,"feeRate":"0.0030","currency":"USDC"},
                        {"model":"transactions","transactionsPerMinute":"40","revenuePerTransaction":"0.25","currency":"USD"}],
             "monthlyFee":{"amount":"5000.00","currency":"USD"},
             "creditTiers":[{"belowPercent":99.95,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}],
             "sli":{"errorQuery":"sum(rate(http_requests_total{job=\\"{{.service}}\\",code=~\\"5..\\"}[{{.window}}]))",
                    "totalQuery":"sum(rate(http_requests_total{job=\\"{{.service}}\\"}[{{.window}}]))"}}"""
            .formatted(volume(168, "1500.5"));

    static String path(String service) {
        return "/api/v1/slas/" + service;
    }

    @Test
    void everyFieldIsStoredAndReturnedInTheFormGiven() {
        String service = "svc-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(FULL)
                .when().put(path(service))
                .then().statusCode(201);
        given().when().get(path(service))
                .then().statusCode(200)
                .body("window", equalTo("calendar-month"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("degradedWeight", equalTo(0.5f))
                .body("excludeCauses", equalTo(java.util.List.of("MAINTENANCE", "CONSENSUS_DISRUPTION")))
                .body("minOutageSeconds", equalTo(60))
                .body("revenue", hasSize(3))
                .body("revenue[0].model", equalTo("flat"))
                .body("revenue[0].amountPerHour", equalTo("3600.00"))
                .body("revenue[0]", not(hasKey("hourlyVolume")))
                .body("revenue[1].model", equalTo("volume"))
                .body("revenue[1].hourlyVolume", hasSize(168))
                .body("revenue[1].hourlyVolume[167]", equalTo("1500.5"))
                .body("revenue[1].feeRate", equalTo("0.0030"))
                .body("revenue[1].currency", equalTo("USDC"))
                .body("revenue[2].transactionsPerMinute", equalTo("40"))
                .body("revenue[2].revenuePerTransaction", equalTo("0.25"))
                .body("monthlyFee.amount", equalTo("5000.00"))
                .body("monthlyFee.currency", equalTo("USD"))
                .body("creditTiers", hasSize(2))
                .body("sli.errorQuery",
                        equalTo("sum(rate(http_requests_total{job=\"{{.service}}\",code=~\"5..\"}[{{.window}}]))"))
                .body("updatedAt", notNullValue());
    }

    @Test
    void theFoundationsShapeKeepsItsDefaultsAndItsSingleRevenueObject() {
        String service = "svc-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(SlaResourceTest.VALID)
                .when().put(path(service))
                .then().statusCode(201)
                .body("revenue.model", equalTo("flat"))
                .body("revenue", not(hasKey("feeRate")))
                .body("timeZone", equalTo("UTC"))
                .body("degradedWeight", equalTo(0))
                .body("excludeCauses", hasSize(0))
                .body("minOutageSeconds", equalTo(0))
                .body("monthlyFee", equalTo(null))
                .body("sli", equalTo(null));
        // a list of one stays a list
        given().contentType(ContentType.JSON)
                .body("{\"objective\":99.9,\"window\":\"P28D\",\"revenue\":[{\"model\":\"flat\",\"amountPerHour\":\"1\",\"currency\":\"USD\"}]}")
                .when().put(path(service))
                .then().statusCode(200)
                .body("window", equalTo("P28D"))
                .body("revenue", hasSize(1))
                .body("revenue[0].amountPerHour", equalTo("1"));
        // and an empty list is no revenue model, kept as a list
        given().contentType(ContentType.JSON).body("{\"objective\":99.9,\"window\":\"calendar-week\",\"revenue\":[]}")
                .when().put(path(service))
                .then().statusCode(200)
                .body("revenue", hasSize(0));
    }

    static String sla(String fields) {
        return "{\"objective\":99.9,\"window\":\"P30D\"," + fields + "}";
    }

    static Stream<Arguments> invalid() {
        String flat = "{\"model\":\"flat\",\"amountPerHour\":\"1\",\"currency\":\"USD\"}";
        return Stream.of(
                Arguments.of(sla("\"timeZone\":\"Mars/Olympus_Mons\""), "timeZone"),
                Arguments.of(sla("\"timeZone\":\"+02:00\""), "timeZone"),
                Arguments.of(sla("\"timeZone\":\"\""), "timeZone"),
                Arguments.of(sla("\"degradedWeight\":1.5"), "degradedWeight"),
                Arguments.of(sla("\"degradedWeight\":-0.1"), "degradedWeight"),
                Arguments.of(sla("\"degradedWeight\":0.12345678901"), "degradedWeight"),
                Arguments.of(sla("\"excludeCauses\":[\"COSMIC_RAYS\"]"), "excludeCauses[0]"),
                Arguments.of(sla("\"excludeCauses\":[\"maintenance\"]"), "excludeCauses[0]"),
                Arguments.of(sla("\"excludeCauses\":[null]"), "excludeCauses[0]"),
                Arguments.of(sla("\"minOutageSeconds\":-1"), "minOutageSeconds"),
                Arguments.of(sla("\"minOutageSeconds\":86401"), "minOutageSeconds"),
                Arguments.of(sla(
                        "\"revenue\":{\"model\":\"flat\",\"amountPerHour\":\"1\",\"feeRate\":\"0.1\",\"currency\":\"USD\"}"),
                        "revenue.feeRate"),
                Arguments.of(
                        sla("\"revenue\":{\"model\":\"transactions\",\"transactionsPerMinute\":\"1\",\"currency\":\"USD\"}"),
                        "revenue.revenuePerTransaction"),
                Arguments.of(sla("\"revenue\":{\"model\":\"volume\",\"feeRate\":\"0.1\",\"currency\":\"USD\"}"),
                        "revenue.hourlyVolume"),
                Arguments.of(sla("\"revenue\":[" + flat + ",{\"model\":\"volume\",\"hourlyVolume\":" + volume(23, "1")
                        + ",\"feeRate\":\"0.003\",\"currency\":\"USDC\"}]"), "revenue[1].hourlyVolume"),
                Arguments.of(sla("\"revenue\":[" + flat + ",{\"model\":\"volume\",\"hourlyVolume\":" + volume(24, "1")
                        + ",\"feeRate\":\"1.5\",\"currency\":\"USDC\"}]"), "revenue[1].feeRate"),
                Arguments.of(sla("\"revenue\":[{\"model\":\"volume\",\"hourlyVolume\":" + volume(168, "-1")
                        + ",\"feeRate\":\"0.003\",\"currency\":\"USDC\"}]"), "revenue[0].hourlyVolume[0]"),
                Arguments.of(sla("\"revenue\":[" + flat + ",{\"model\":\"cpm\",\"currency\":\"USD\"}]"), "revenue[1].model"),
                Arguments.of(sla("\"revenue\":[" + flat + ",null]"), "revenue"),
                Arguments.of(sla("\"revenue\":[" + String.join(",", Collections.nCopies(11, flat)) + "]"), "revenue"),
                Arguments.of(sla("\"monthlyFee\":{\"amount\":\"-1\",\"currency\":\"USD\"}"), "monthlyFee.amount"),
                Arguments.of(sla("\"monthlyFee\":{\"amount\":\"1\"}"), "monthlyFee.currency"),
                Arguments.of(sla("\"sli\":{\"errorQuery\":\"sum(rate(x[5m]))\",\"totalQuery\":\"sum(rate(y[{{.window}}]))\"}"),
                        "sli.errorQuery"),
                Arguments.of(sla("\"sli\":{\"errorQuery\":\"sum(rate(x[{{.window}}]))\"}"), "sli.totalQuery"),
                Arguments.of(sla("\"sli\":{\"errorQuery\":\"x[{{.window}}]\\u0000\",\"totalQuery\":\"y[{{.window}}]\"}"),
                        "sli.errorQuery"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSlaIsRejectedWith422AndNotStored(String body, String field) {
        String service = "svc-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(body)
                .when().put(path(service))
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("violations.field", hasItem(field));
        given().when().get(path(service)).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void revenueOfTheWrongJsonTypeIs400() {
        given().contentType(ContentType.JSON).body(sla("\"revenue\":\"flat\""))
                .when().put(path("svc-" + UUID.randomUUID()))
                .then().statusCode(400)
                .contentType(PROBLEM);
    }
}
