package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.downtime.sla.rest.FakeIncidentService.FakeOutage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The scheduled refresh sets the gauges of every SLA without anyone asking for a report. Runs with a refresh every
 * second. SLAs of services that make the fake incident-service fail ({@code boom-…}, left by other test runs in the
 * shared test database) are removed first: their failures would open the circuit breaker for the whole refresh.
 */
@QuarkusTest
@TestProfile(SlaMetricsRefreshTest.EverySecond.class)
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
class SlaMetricsRefreshTest {

    /** Refreshes every second, starting a second after start-up. */
    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downtime.sla.metrics.refresh", "1s", "downtime.sla.metrics.initial-delay", "1s");
        }
    }

    @Inject
    DataSource dataSource;

    @BeforeEach
    void removeFailingServices() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from sla where service like 'boom-%'");
        }
    }

    @Test
    void gaugesAppearWithoutAReportBeingRequested() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String service = SlaReportTest.serviceWith("""
                {"objective":99.9,"window":"P7D","revenue":{"model":"flat","amountPerHour":"60","currency":"EUR"}}""",
                new FakeOutage(now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30)), "head_stale"));
        String quoted = "\"" + service + "\"";
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("sla_availability_ratio{service=" + quoted + "}"))
                .body(containsString("sla_burn_rate{service=" + quoted + ",window=\"1h\"}"))
                // 60 EUR per hour × 30 minutes
                .body(containsString("sla_revenue_loss_total{currency=\"EUR\",service=" + quoted + "} 30.0")));
    }
}
