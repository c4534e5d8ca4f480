package io.downtime.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.systemtests.support.Api;
import io.downtime.systemtests.support.Downtime;
import io.downtime.testsupport.Anvil;
import io.restassured.path.json.JsonPath;

/** incident-service is down while the node fails: the signal waits in probe-service's outbox and still arrives. */
class OutboxDeliveryIT {

    private static Downtime system;
    private static Api api;

    @BeforeAll
    static void startSystem() {
        system = Downtime.start("outbox");
        api = new Api(system);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aSignalSentWhileIncidentServiceIsDownArrivesLaterWithTheFirstBadProbeTime() {
        String service = "dex-outbox-" + UUID.randomUUID().toString().substring(0, 8);
        try (Anvil anvil = Anvil.start()) {
            long target = api.registerChain("anvil-" + service, service, anvil.url(), 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(api.targetStatus(target).getString("state")));

            system.incident.stop(false);
            anvil.kill();
            JsonPath down = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.targetStatus(target), s -> "DOWN".equals(s.getString("state")));
            Instant firstBadProbe = Instant.parse(down.getString("since"));

            Instant restartedAt = Instant.now();
            system.incident.start();
            Map<String, Object> triggered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.incident(service, "TRIGGERED"), Optional::isPresent).orElseThrow();
            assertEquals(firstBadProbe, Instant.parse((String) triggered.get("startedAt")),
                    "the outage starts at the first bad probe, not when the signal arrived");
            assertTrue(firstBadProbe.isBefore(restartedAt));

            anvil.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.incident(service, "RESOLVED").isPresent());
            assertEquals(1, api.incidents(service).size());
        }
    }
}
