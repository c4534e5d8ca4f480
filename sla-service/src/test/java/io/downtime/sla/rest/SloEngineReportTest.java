package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.downtime.sla.rest.FakeIncidentService.FakeOutage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Reports of the SLO engine through REST, with outages from the fake incident-service. */
@QuarkusTest
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
class SloEngineReportTest {

    static final String FROM = SlaReportTest.FROM;
    static final String TO = SlaReportTest.TO;

    static FakeOutage outage(String start, String end, String state, String cause, Boolean maintenance) {
        return new FakeOutage(Instant.parse(start), end == null ? null : Instant.parse(end), "head_stale", state, cause,
                maintenance);
    }

    static String fullSla() {
        return SlaReportTest.serviceWith(SloEngineResourceTest.FULL,
                outage("2026-01-10T10:00:00Z", "2026-01-10T10:30:00Z", "DOWN", "TECHNICAL_FAILURE", false),
                outage("2026-01-11T00:00:00Z", "2026-01-11T01:00:00Z", "DEGRADED", null, null),
                outage("2026-01-12T00:00:00Z", "2026-01-12T00:10:00Z", null, "MAINTENANCE", null),
                outage("2026-01-13T00:00:00Z", "2026-01-13T00:00:30Z", "DOWN", null, null),
                outage("2026-01-14T00:00:00Z", "2026-01-14T00:20:00Z", "DOWN", "TECHNICAL_FAILURE", true));
    }

    @Test
    void degradedWeightExclusionsRevenueModelsCreditAndBurnRates() {
        String service = fullSla();
        SlaReportTest.report(service, FROM, TO).statusCode(200)
                .contentType(ContentType.JSON)
                .body("window", equalTo("calendar-month"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("periodSeconds", hasToString("2592000"))
                .body("elapsedSeconds", hasToString("2592000"))
                .body("downtimeSeconds", hasToString("1800"))
                .body("degradedSeconds", hasToString("3600"))
                .body("degradedWeight", hasToString("0.5"))
                .body("weightedDowntimeSeconds", hasToString("3600"))
                // 100 × (1 − 3600 / 2592000)
                .body("availabilityPercent", hasToString("99.861111"))
                .body("excludedSeconds", hasToString("1830"))
                .body("exclusions", hasSize(2))
                .body("exclusions[0].reason", equalTo("MAINTENANCE"))
                .body("exclusions[0].seconds", hasToString("1800"))
                .body("exclusions[0].outages", equalTo(2))
                .body("exclusions[1].reason", equalTo("MIN_OUTAGE_SECONDS"))
                .body("exclusions[1].seconds", hasToString("30"))
                // budget 0.05 % of 30 days = 1296 s
                .body("errorBudget.totalSeconds", hasToString("1296"))
                .body("errorBudget.spentSeconds", hasToString("3600"))
                .body("errorBudget.remainingSeconds", hasToString("-2304"))
                .body("errorBudget.spentPercent", hasToString("277.777778"))
                .body("errorBudget.remainingPercent", hasToString("-177.777778"))
                .body("revenueLoss", equalTo(null))
                .body("revenueLossByModel", hasSize(3))
                .body("revenueLossByModel[0].model", equalTo("flat"))
                .body("revenueLossByModel[0].amount", equalTo("3600.00"))
                // 0.0030 × (1500.5 × 0.5 h down + 0.5 × 1500.5 × 1 h degraded) = 4.5015
                .body("revenueLossByModel[1].model", equalTo("volume"))
                .body("revenueLossByModel[1].amount", equalTo("4.50"))
                .body("revenueLossByModel[1].currency", equalTo("USDC"))
                // 40 / min × 0.25 × 60 min
                .body("revenueLossByModel[2].amount", equalTo("600.00"))
                .body("revenueLossTotal[0].amount", equalTo("4200.00"))
                .body("revenueLossTotal[0].currency", equalTo("USD"))
                .body("revenueLossTotal[1].amount", equalTo("4.50"))
                .body("creditPercent", hasToString("10"))
                .body("creditAmount.amount", equalTo("500.00"))
                .body("creditAmount.currency", equalTo("USD"))
                .body("burnRates.evaluatedAt", equalTo(TO))
                .body("burnRates.windowDays", equalTo(30))
                .body("burnRates.state", equalTo("ok"))
                .body("burnRates.windows", hasSize(7))
                .body("burnRates.alerts", hasSize(4))
                .body("outagesCounted", equalTo(2))
                .body("outagesExcluded", equalTo(3))
                .body("outages[0].cause", equalTo("TECHNICAL_FAILURE"))
                .body("outages[0].incidentId", equalTo(1))
                .body("outages[1].state", equalTo("DEGRADED"))
                .body("excludedOutages[0].excludedBecause", equalTo("MAINTENANCE"))
                .body("excludedOutages[1].excludedBecause", equalTo("MIN_OUTAGE_SECONDS"))
                .body("excludedOutages[2].excludedBecause", equalTo("MAINTENANCE"));
    }

    @Test
    void csvHasTheSloEngineColumns() {
        String service = fullSla();
        String csv = given().accept("text/csv").queryParam("from", FROM).queryParam("to", TO)
                .when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(service + "," + FROM + "," + TO + ",99.95,2592000,99.861111,1800,1296,3600,-2304,,,10,2,"
                + "calendar-month,Europe/Berlin,2592000,3600,0.5,3600,1830,MAINTENANCE=1800;MIN_OUTAGE_SECONDS=30,"
                + "277.777778,-177.777778,flat=3600.00 USD;volume=4.50 USDC;transactions=600.00 USD,"
                + "4200.00 USD;4.50 USDC,500.00,USD,ok,0,0,0,0,0,0,0,3", lines[1]);
    }

    @Test
    void calendarMonthDefaultsToTheMonthInProgressInTheSlaZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        String service = SlaReportTest.serviceWith("""
                {"objective":99.9,"window":"calendar-month","timeZone":"Europe/Berlin"}""");
        YearMonth month = YearMonth.now(berlin);
        String from = month.atDay(1).atStartOfDay(berlin).toInstant().toString();
        String to = month.plusMonths(1).atDay(1).atStartOfDay(berlin).toInstant().toString();
        given().when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(200)
                .body("from", equalTo(from))
                .body("to", equalTo(to))
                .body("window", equalTo("calendar-month"));
        // only `to`: the calendar month before it (January 2026 in Berlin)
        given().queryParam("to", "2026-01-31T23:00:00Z")
                .when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(200)
                .body("from", equalTo("2025-12-31T23:00:00Z"))
                .body("periodSeconds", equalTo(2678400));
    }

    @Test
    void anOngoingOutagePagesAndSetsTheGauges() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String service = SlaReportTest.serviceWith("""
                {"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"3600.00","currency":"USD"}}""",
                new FakeOutage(now.minus(Duration.ofMinutes(10)), null, "head_stale"));
        given().when().get("/api/v1/slas/" + service + "/report")
                .then().statusCode(200)
                .body("burnRates.state", equalTo("page"))
                .body("burnRates.windows[0].window", equalTo("5m"))
                .body("burnRates.windows[0].burnRate", equalTo(1000))
                .body("burnRates.alerts.findAll { it.firing }.severity", equalTo(List.of("page", "page", "ticket", "ticket")));
        String quoted = "\"" + service + "\"";
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("sla_burn_rate{service=" + quoted + ",window=\"5m\"} 1000.0"))
                .body(containsString("sla_burn_rate{service=" + quoted + ",window=\"3d\"}"))
                .body(matchesPattern("(?s).*sla_error_budget_remaining_ratio\\{service=" + quoted + "} 0\\.7\\d*.*"))
                .body(matchesPattern(
                        "(?s).*sla_revenue_loss_total\\{currency=\"USD\",service=" + quoted + "} 6\\d\\d\\.\\d+.*"))
                .body(containsString("sla_availability_ratio{service=" + quoted + "}"));
    }

    @Test
    void anUnknownOutageStateIs502() {
        String service = SlaReportTest.serviceWith(SlaReportTest.SLA,
                outage("2026-01-10T10:00:00Z", "2026-01-10T10:30:00Z", "SIDEWAYS", null, null));
        SlaReportTest.report(service, FROM, TO).statusCode(502)
                .contentType(SlaResourceTest.PROBLEM)
                .body("detail", containsString("SIDEWAYS"));
    }
}
