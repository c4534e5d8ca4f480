package io.downtime.probe.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.downtime.probe.support.StandInIncidentResource;
import io.downtime.testsupport.Anvil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Probes on schedule → debounced state changes → signals delivered from the outbox, against a real Anvil. */
@QuarkusTest
class ProbeToOutboxTest {

    private static long register(String name, String url, String kind, String extra) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","service":"demo-dex","kind":"%s","url":"%s","intervalSeconds":1,"timeoutMs":800,
                         "failureThreshold":2,"successThreshold":2%s}""".formatted(name, kind, url, extra))
                .post("/api/v1/targets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static List<Map<String, Object>> states(String target, String state) {
        return StandInIncidentResource.forTarget(target).stream().filter(s -> state.equals(s.get("state"))).toList();
    }

    @Test
    void aHaltedChainBecomesOneDownSignalDatedWhenTheChainStoppedAndRecovers() {
        String name = "anvil-" + UUID.randomUUID().toString().substring(0, 8);
        try (Anvil anvil = Anvil.start()) {
            long id = register(name, anvil.url(), "evm-node", ",\"evm\":{\"chainId\":31337,\"maxHeadAgeSeconds\":3}");
            await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "UP").isEmpty());
            given().get("/api/v1/targets/" + id + "/status").then().body("state", equalTo("UP"));

            anvil.halt();
            Instant haltedAt = Instant.now();
            await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "DOWN").isEmpty());
            Map<String, Object> down = states(name, "DOWN").get(0);
            assertEquals("head_stale", down.get("reason"));
            assertEquals("local", down.get("region"));
            assertEquals("demo-dex", down.get("service"));
            Instant observedAt = Instant.parse((String) down.get("observedAt"));
            Instant confirmedAt = Instant.parse((String) down.get("confirmedAt"));
            assertTrue(Duration.between(observedAt, haltedAt).abs().toMillis() <= 2000,
                    "outage dated " + observedAt + ", halt at " + haltedAt);
            assertTrue(confirmedAt.isAfter(observedAt.plusSeconds(3)), "confirmed only after the age limit");
            given().get("/api/v1/targets/" + id + "/status").then().body("state", equalTo("DOWN"))
                    .body("reason", equalTo("head_stale"));

            anvil.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> states(name, "UP").size() == 2);
            assertEquals(1, states(name, "DOWN").size(), "no flapping: exactly one DOWN signal");
            // the SLI sla-service's generated rules query by default
            given().get("/q/metrics").then().body(containsString(
                    "downtime_probes_total{kind=\"evm-node\",reason=\"head_stale\",service=\"demo-dex\",state=\"DOWN\"}"));
        }
    }

    @Test
    void aSignalRefusedWith503IsRetriedUntilAcceptedWithTheSameId() {
        String name = "closed-" + UUID.randomUUID().toString().substring(0, 8);
        StandInIncidentResource.REFUSE_NEXT.put(name, new AtomicInteger(3));
        register(name, "http://127.0.0.1:" + Anvil.freePort() + "/", "http", "");
        // three refusals, then the fourth attempt is accepted
        await().atMost(Duration.ofSeconds(30)).until(() -> states(name, "DOWN").size() >= 4);
        List<Map<String, Object>> received = states(name, "DOWN");
        assertEquals("connection_refused", received.get(0).get("reason"));
        assertEquals(1, received.stream().map(s -> s.get("id")).distinct().count(), "one signal, retried");
        assertEquals(0, StandInIncidentResource.REFUSE_NEXT.get(name).get());
    }

    @Test
    void deletingATargetThatIsDownEndsItsOutageWithATargetRemovedSignal() {
        String name = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        long id = register(name, "http://127.0.0.1:" + Anvil.freePort() + "/", "http", "");
        await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "DOWN").isEmpty());
        given().delete("/api/v1/targets/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "UP").isEmpty());
        Map<String, Object> up = states(name, "UP").get(0);
        assertEquals("target_removed", up.get("reason"));
        assertEquals("demo-dex", up.get("service"));
    }
}
