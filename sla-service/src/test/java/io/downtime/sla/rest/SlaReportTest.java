package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.downtime.sla.rest.FakeIncidentService.FakeOutage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
class SlaReportTest {

    static final String FROM = "2026-01-01T00:00:00Z";
    static final String TO = "2026-01-31T00:00:00Z";

    static final String SLA = """
            {"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"3600.00","currency":"USD"},
             "creditTiers":[{"belowPercent":99.9,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}]}""";

    static String serviceWith(String sla, FakeOutage... outages) {
        return serviceWith("svc-", sla, outages);
    }

    static String serviceWith(String prefix, String sla, FakeOutage... outages) {
        String service = prefix + UUID.randomUUID();
        FakeIncidentService.OUTAGES.put(service, List.of(outages));
        given().contentType(ContentType.JSON).body(sla)
                .when().put("/api/v1/slas/" + service)
                .then().statusCode(201);
        return service;
    }

    static FakeOutage outage(String start, String end) {
        return new FakeOutage(Instant.parse(start), end == null ? null : Instant.parse(end), "head_stale");
    }

    static ValidatableResponse report(String service, String from, String to) {
        return given().config(io.restassured.RestAssured.config()
                .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/slas/" + service + "/report")
                .then();
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    @Test
    void oneOutageClippedToThePeriod() {
        String service = serviceWith(SLA, outage("2025-12-31T23:30:00Z", "2026-01-01T00:30:00Z"));

        report(service, FROM, TO).statusCode(200)
                .contentType(ContentType.JSON)
                .body("service", equalTo(service))
                .body("from", equalTo(FROM))
                .body("to", equalTo(TO))
                .body("objectivePercent", hasToString("99.9"))
                .body("periodSeconds", hasToString("2592000"))
                .body("downtimeSeconds", hasToString("1800"))
                .body("availabilityPercent", hasToString("99.930556"))
                .body("errorBudget.totalSeconds", hasToString("2592"))
                .body("errorBudget.spentSeconds", hasToString("1800"))
                .body("errorBudget.remainingSeconds", hasToString("792"))
                .body("revenueLoss.amount", equalTo("1800.00"))
                .body("revenueLoss.currency", equalTo("USD"))
                .body("creditPercent", hasToString("0"))
                .body("outages", hasSize(1))
                .body("outages[0].start", equalTo(FROM))
                .body("outages[0].end", equalTo("2026-01-01T00:30:00Z"))
                .body("outages[0].seconds", hasToString("1800"))
                .body("outages[0].reason", equalTo("head_stale"))
                .body("outages[0].open", equalTo(false));

        String query = FakeIncidentService.QUERIES.get(service);
        assertTrue(query.contains("from=2026-01-01T00:00:00Z"), query);
        assertTrue(query.contains("to=2026-01-31T00:00:00Z"), query);
    }

    @Test
    void overlappingOutagesAreMergedAndRevenueIsRateTimesDowntime() {
        String service = serviceWith(SLA,
                outage("2026-01-10T00:00:00Z", "2026-01-10T01:00:00Z"),
                outage("2026-01-10T00:10:00Z", "2026-01-10T00:20:00Z"),
                outage("2026-01-10T00:30:00Z", "2026-01-10T02:00:00.500Z"));

        report(service, FROM, TO).statusCode(200)
                .body("downtimeSeconds", hasToString("7200.5"))
                .body("availabilityPercent", hasToString("99.722203"))
                .body("errorBudget.remainingSeconds", hasToString("-4608.5"))
                // 3600.00 × 7200.5 / 3600 = 7200.50
                .body("revenueLoss.amount", equalTo("7200.50"))
                .body("creditPercent", hasToString("10"))
                .body("outages", hasSize(3))
                .body("outages[2].seconds", hasToString("5400.5"));
    }

    @Test
    void tokenRevenueKeepsTheDecimalsOfTheHourlyAmountThroughStorage() {
        String service = serviceWith("""
                {"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"0.0004","currency":"ETH"}}""",
                outage("2026-01-10T00:00:00Z", "2026-01-10T00:30:00Z"));

        // 0.0004 × 1800 / 3600 = 0.0002, not 0.00
        report(service, FROM, TO).statusCode(200)
                .body("revenueLoss.amount", equalTo("0.0002"))
                .body("revenueLoss.currency", equalTo("ETH"));
    }

    @Test
    void openOutageCountsUpToTheEndOfThePeriod() {
        String service = serviceWith(SLA, outage("2026-01-30T23:00:00Z", null));

        report(service, FROM, TO).statusCode(200)
                .body("downtimeSeconds", hasToString("3600"))
                .body("outages[0].end", equalTo(TO))
                .body("outages[0].open", equalTo(true));
    }

    @Test
    void openOutageCountsUpToNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String service = serviceWith(SLA, new FakeOutage(now.minus(Duration.ofMinutes(30)), null, "timeout"));

        BigDecimal downtime = report(service, now.minus(Duration.ofHours(1)).toString(),
                now.plus(Duration.ofHours(1)).toString())
                .statusCode(200)
                .body("periodSeconds", hasToString("7200"))
                .body("outages[0].open", equalTo(true))
                .extract().jsonPath().getObject("downtimeSeconds", BigDecimal.class);
        assertTrue(downtime.compareTo(dec("1800")) >= 0 && downtime.compareTo(dec("1900")) < 0, downtime.toString());
    }

    @Test
    void creditTierBoundary() {
        // 2592 s of 30 days is exactly 99.9 %: not below 99.9, so no credit
        String exact = serviceWith(SLA, outage("2026-01-05T00:00:00Z", "2026-01-05T00:43:12Z"));
        report(exact, FROM, TO).statusCode(200)
                .body("availabilityPercent", hasToString("99.9"))
                .body("errorBudget.remainingSeconds", hasToString("0"))
                .body("creditPercent", hasToString("0"));

        // one millisecond more is below 99.9 %: the 10 % tier applies
        String justBelow = serviceWith(SLA, outage("2026-01-05T00:00:00Z", "2026-01-05T00:43:12.001Z"));
        report(justBelow, FROM, TO).statusCode(200)
                .body("creditPercent", hasToString("10"));

        // below 99.0 % both tiers apply: the last (highest) one wins
        String deep = serviceWith(SLA, outage("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"));
        report(deep, FROM, TO).statusCode(200)
                .body("availabilityPercent", hasToString("96.666667"))
                .body("revenueLoss.amount", equalTo("86400.00"))
                .body("creditPercent", hasToString("25"));
    }

    @Test
    void noOutagesIsFullAvailabilityAndNoRevenueWithoutModel() {
        String service = serviceWith("{\"objective\":99.5,\"window\":\"P30D\"}");
        report(service, FROM, TO).statusCode(200)
                .body("availabilityPercent", hasToString("100"))
                .body("downtimeSeconds", hasToString("0"))
                .body("errorBudget.totalSeconds", hasToString("12960"))
                .body("revenueLoss", equalTo(null))
                .body("creditPercent", hasToString("0"))
                .body("outages", hasSize(0));
    }

    @Test
    void defaultPeriodIsTheSlaWindowEndingNow() {
        String service = serviceWith("{\"objective\":99.9,\"window\":\"P7D\"}");
        Instant before = Instant.now();
        String to = given().when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(200)
                .body("periodSeconds", equalTo(604800))
                .extract().path("to");
        Instant end = Instant.parse(to);
        assertTrue(!end.isBefore(before.truncatedTo(ChronoUnit.MILLIS)) && end.isBefore(before.plusSeconds(60)), to);
    }

    @Test
    void badRangesAre400AndUnknownSlaIs404() {
        String service = serviceWith(SLA);
        report(service, TO, FROM).statusCode(400).contentType(SlaResourceTest.PROBLEM)
                .body("detail", containsString("from must be before to"));
        report(service, FROM, FROM).statusCode(400).contentType(SlaResourceTest.PROBLEM);
        report(service, "yesterday", TO).statusCode(400).contentType(SlaResourceTest.PROBLEM)
                .body("detail", startsWith("from:"));
        given().queryParam("from", "2999-01-01T00:00:00Z")
                .when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(400).contentType(SlaResourceTest.PROBLEM);
        report("svc-" + UUID.randomUUID(), FROM, TO).statusCode(404).contentType(SlaResourceTest.PROBLEM);
    }

    @Test
    void incidentService5xxIs503AfterRetries() {
        String service = serviceWith("boom-", SLA);
        report(service, FROM, TO).statusCode(503)
                .contentType(SlaResourceTest.PROBLEM)
                .body("status", equalTo(503))
                .body("detail", containsString("incident-service is unavailable"));
        assertEquals(3, FakeIncidentService.CALLS.get(service).get(), "one call and two retries");
    }

    @Test
    void csvWhenAskedFor() {
        String service = serviceWith(SLA, outage("2026-01-10T00:00:00Z", "2026-01-10T00:30:00Z"));
        String csv = given().accept("text/csv")
                .queryParam("from", FROM).queryParam("to", TO)
                .when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertEquals(String.join(",", ReportCsv.HEADER), lines[0]);
        // the foundation's 14 columns first, unchanged, then the SLO engine's
        String foundation = service + "," + FROM + "," + TO + ",99.9,2592000,99.930556,1800,2592,1800,792,1800.00,USD,0,1";
        assertTrue(lines[1].startsWith(foundation + ","), lines[1]);
        assertEquals(foundation + ",P30D,UTC,2592000,0,0,1800,0,,69.444444,30.555556,flat=1800.00 USD,1800.00 USD,,,ok,"
                + "0,0,0,0,0,0,0,0", lines[1]);
        assertEquals(ReportCsv.HEADER.size(), lines[1].split(",", -1).length);

        given().accept("text/csv")
                .when().get("/api/v1/slas/svc-" + UUID.randomUUID() + "/report")
                .then().statusCode(404)
                .contentType(SlaResourceTest.PROBLEM);
    }

    @Test
    void reportSetsTheAvailabilityGauge() {
        String service = serviceWith(SLA, outage("2026-01-10T00:00:00Z", "2026-01-10T00:30:00Z"));
        report(service, FROM, TO).statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(allOf(containsString("sla_availability_ratio{service=\"" + service + "\"} 0.9993055"),
                        containsString("sla_availability_ratio")));
    }
}
