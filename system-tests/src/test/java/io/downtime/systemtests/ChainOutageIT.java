package io.downtime.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.systemtests.support.Api;
import io.downtime.systemtests.support.Downtime;
import io.downtime.testsupport.Anvil;
import io.restassured.path.json.JsonPath;

/**
 * A real chain outage end to end: a real Anvil node stops producing blocks (or dies), probe-service sees it,
 * incident-service opens and resolves the incident, sla-service prices the downtime. Each test has its own Anvil
 * node and its own service name.
 */
class ChainOutageIT {

    private static Downtime system;
    private static Api api;

    @BeforeAll
    static void startSystem() {
        system = Downtime.start("outage");
        api = new Api(system);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> awaitIncident(String service, String status) {
        return await(service + " incident " + status).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.incident(service, status), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void aHaltedChainOpensAnIncidentThatResolvesAndTheSlaReportPricesTheDowntime() {
        String service = unique("dex-halt");
        try (Anvil anvil = Anvil.start()) {
            long target = api.registerChain(unique("anvil"), service, anvil.url(), 5);
            api.putFlatSla(service, "3600.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(api.targetStatus(target).getString("state")));
            Instant reportFrom = Instant.now();

            anvil.halt();
            Instant haltedAt = Instant.now();
            Map<String, Object> triggered = awaitIncident(service, "TRIGGERED");
            assertEquals("head_stale", triggered.get("reason"));
            Instant detectedAt = Instant.parse((String) triggered.get("detectedAt"));
            Api.figure("halt → TRIGGERED stored: %.1f s (maxHeadAgeSeconds 5, interval 1 s, failureThreshold 2)"
                    .formatted(Duration.between(haltedAt, detectedAt).toMillis() / 1000.0));

            anvil.resume();
            Instant resumedAt = Instant.now();
            Map<String, Object> resolved = awaitIncident(service, "RESOLVED");
            assertEquals(triggered.get("id"), resolved.get("id"), "the same incident resolves");
            assertEquals(1, api.incidents(service).size(), "one incident for one outage");

            double realHalt = Duration.between(haltedAt, resumedAt).toMillis() / 1000.0;
            Instant reportTo = Instant.now();
            JsonPath report = api.report(service, reportFrom, reportTo);
            List<Map<String, Object>> outages = report.getList("outages");
            assertEquals(1, outages.size(), report.prettify());
            double downtime = report.getDouble("downtimeSeconds");
            Api.figure("halt of %.1f s measured as %.1f s of downtime (difference %.1f s)".formatted(realHalt, downtime,
                    downtime - realHalt));
            assertTrue(Math.abs(downtime - realHalt) <= 2.0,
                    "downtime " + downtime + " s within two 1 s probe intervals of the real halt " + realHalt + " s");
            // flat model: 3600 USD per hour = 1 USD per second of downtime
            BigDecimal expected = new BigDecimal(report.getString("downtimeSeconds")).setScale(2, RoundingMode.HALF_EVEN);
            assertEquals(expected, new BigDecimal(report.getString("revenueLoss.amount")));
            assertEquals("USD", report.getString("revenueLoss.currency"));
            assertTrue(report.getDouble("availabilityPercent") < 100.0);

            // the same report, anchored on a chain: its canonical JSON carries the same downtime and verifies
            JsonPath anchor = api.anchor(service, reportFrom, reportTo);
            String digest = anchor.getString("digest");
            assertTrue(digest.matches("0x[0-9a-f]{64}"), digest);
            assertTrue(anchor.getString("canonicalReport").contains("\"downtimeSeconds\":"), anchor.prettify());
            BigDecimal anchoredDowntime = new BigDecimal(
                    JsonPath.from(anchor.getString("canonicalReport")).getString("downtimeSeconds"));
            assertEquals(0, new BigDecimal(report.getString("downtimeSeconds")).compareTo(anchoredDowntime),
                    "anchored downtime " + anchoredDowntime);
            JsonPath verification = api.verifyAnchor(service, anchor.getLong("id"));
            assertTrue(verification.getBoolean("verified"), verification.prettify());
            assertEquals(digest, verification.getString("recomputedDigest"));
        }
    }

    @Test
    void aKilledNodeIsDownWithAConnectionReasonAndResolvesWhenRestarted() {
        String service = unique("dex-kill");
        try (Anvil anvil = Anvil.start()) {
            long target = api.registerChain(unique("anvil"), service, anvil.url(), 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(api.targetStatus(target).getString("state")));

            anvil.kill();
            Instant killedAt = Instant.now();
            Map<String, Object> triggered = awaitIncident(service, "TRIGGERED");
            assertTrue(List.of("connection_refused", "timeout").contains(triggered.get("reason")),
                    "reason " + triggered.get("reason"));
            Instant detectedAt = Instant.parse((String) triggered.get("detectedAt"));
            Instant startedAt = Instant.parse((String) triggered.get("startedAt"));
            Api.figure(
                    "kill -9 → TRIGGERED stored: %.1f s (interval 1 s, failureThreshold 2); outage start %.1f s after the kill"
                            .formatted(Duration.between(killedAt, detectedAt).toMillis() / 1000.0,
                                    Duration.between(killedAt, startedAt).toMillis() / 1000.0));
            assertTrue(!startedAt.isBefore(killedAt.minusSeconds(1)) && startedAt.isBefore(detectedAt));

            anvil.restart();
            Map<String, Object> resolved = awaitIncident(service, "RESOLVED");
            assertEquals(triggered.get("id"), resolved.get("id"));
        }
    }
}
