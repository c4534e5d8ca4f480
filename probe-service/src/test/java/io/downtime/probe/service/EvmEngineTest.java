package io.downtime.probe.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.downtime.probe.support.StandInHeartbeatResource;
import io.downtime.probe.support.StandInIncidentResource;
import io.downtime.testsupport.Anvil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The evm-node engine end to end in one instance: chain halt vs node failure through scheduled probes and signals,
 * heartbeats with heads (and heads learnt from other regions), and Prometheus metrics that pass promtool.
 */
@QuarkusTest
class EvmEngineTest {

    private static long register(String name, String service, String url, String evm) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","service":"%s","kind":"evm-node","url":"%s","intervalSeconds":1,"timeoutMs":800,
                         "failureThreshold":2,"successThreshold":2,"evm":%s}""".formatted(name, service, url, evm))
                .post("/api/v1/targets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static List<Map<String, Object>> signals(String target, String state) {
        return StandInIncidentResource.forTarget(target).stream().filter(s -> state.equals(s.get("state"))).toList();
    }

    /** The exposition restricted to the families probe-service defines: probe_*, evm_*, downtime_*. */
    private static String ownFamilies(String exposition) {
        StringBuilder out = new StringBuilder();
        exposition.lines().filter(line -> line.replaceFirst("^# (TYPE|HELP) ", "").matches("(probe|evm|downtime)_.*"))
                .forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void oneHaltedProviderIsANodeFaultAndAllProvidersHaltedIsAChainHalt() {
        String service = unique("l2");
        String nameA = unique("provider-a");
        String nameB = unique("provider-b");
        // a chain id of their own, so targets of other tests do not join this chain's view
        try (Anvil a = Anvil.start("--chain-id", "777001"); Anvil b = Anvil.start("--chain-id", "777001")) {
            String evm = "{\"chainId\":777001,\"maxHeadAgeSeconds\":4,\"maxBlockLag\":2}";
            long idA = register(nameA, service, a.url(), evm);
            long idB = register(nameB, service, b.url(), evm);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !signals(nameA, "UP").isEmpty() && !signals(nameB, "UP").isEmpty());

            b.halt();
            await().atMost(Duration.ofSeconds(40)).until(() -> !signals(nameB, "DOWN").isEmpty());
            Map<String, Object> nodeDown = signals(nameB, "DOWN").get(0);
            assertTrue(List.of("head_stale", "block_lag").contains(nodeDown.get("reason")), nodeDown.toString());
            assertTrue(signals(nameA, "DOWN").isEmpty(), "the other provider is up: no chain halt");

            a.halt();
            await().atMost(Duration.ofSeconds(40)).until(() -> !signals(nameA, "DOWN").isEmpty());
            Map<String, Object> chainDown = signals(nameA, "DOWN").get(0);
            assertEquals("chain_halted", chainDown.get("reason"), chainDown.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> evidence = (Map<String, Object>) chainDown.get("evidence");
            assertEquals(777001, ((Number) evidence.get("chainId")).intValue());
            assertTrue(evidence.get("blockNumber") instanceof Number);
            // B is already DOWN (a changed reason is not a new signal), but its status now names the chain halt
            await().atMost(Duration.ofSeconds(20)).until(() -> "chain_halted".equals(
                    given().get("/api/v1/targets/" + idB + "/status").jsonPath().getString("lastProbe.reason")));
            given().delete("/api/v1/targets/" + idA).then().statusCode(204);
            given().delete("/api/v1/targets/" + idB).then().statusCode(204);
        }
    }

    @Test
    void heartbeatsCarryTheBestHeadAndOtherRegionsHeadsCountForBlockLag() {
        String name = unique("hb-node");
        try (Anvil node = Anvil.start("--chain-id", "777002")) {
            long id = register(name, unique("hb"), node.url(),
                    "{\"chainId\":777002,\"maxHeadAgeSeconds\":30,\"maxBlockLag\":5}");
            await().atMost(Duration.ofSeconds(60)).until(() -> StandInHeartbeatResource.RECEIVED.stream()
                    .anyMatch(h -> h.get("heads") instanceof Map<?, ?> heads && heads.containsKey("777002")));
            Map<String, Object> beat = StandInHeartbeatResource.RECEIVED.stream()
                    .filter(h -> h.get("heads") instanceof Map<?, ?> heads && heads.containsKey("777002")).findFirst()
                    .orElseThrow();
            assertEquals("local", beat.get("region"));
            assertTrue(beat.get("instance") instanceof String);
            assertTrue(beat.get("version") instanceof String);
            assertEquals(1, ((Number) beat.get("intervalSeconds")).intValue(), "test profile: 1 s heartbeats");

            // another region reports a head far ahead: this node lags behind it
            StandInHeartbeatResource.ANSWER.set(Map.of("777002",
                    Map.of("number", 1_000_000, "region", "us-east-1", "seenAt", Instant.now().toString())));
            await().atMost(Duration.ofSeconds(60)).until(() -> !signals(name, "DEGRADED").isEmpty());
            Map<String, Object> degraded = signals(name, "DEGRADED").get(0);
            assertEquals("block_lag", degraded.get("reason"));
            @SuppressWarnings("unchecked")
            Map<String, Object> evidence = (Map<String, Object>) degraded.get("evidence");
            assertEquals("region:us-east-1", evidence.get("bestHeadSource"));
            StandInHeartbeatResource.ANSWER.set(Map.of());
            given().delete("/api/v1/targets/" + id).then().statusCode(204);
        }
    }

    @Test
    void metricsArePerTargetAndRegionAndPassPromtool() throws Exception {
        String name = unique("metrics-node");
        try (Anvil node = Anvil.start()) {
            long id = register(name, unique("m"), node.url(), "{\"chainId\":31337,\"maxHeadAgeSeconds\":30}");
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/metrics").asString()
                    .contains("evm_head_age_seconds{kind=\"evm-node\",region=\"local\",service="));
            String metrics = given().get("/q/metrics").asString();
            for (String family : List.of("probe_success{", "probe_duration_seconds{", "evm_head_age_seconds{",
                    "evm_block_lag_blocks{", "evm_finality_lag_blocks{", "probe_schedule_lag_seconds_bucket{",
                    "probe_in_flight{", "probe_targets_scheduled{")) {
                assertTrue(metrics.contains(family), family + " missing");
            }
            assertTrue(metrics.contains("target=\"" + name + "\""));
            // the families this service defines (other families are Quarkus/Micrometer built-ins)
            String ours = ownFamilies(metrics);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/metrics-promtool.txt"), ours);
            Process promtool;
            try {
                promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("promtool is installed by scripts/setup.sh: " + e.getMessage());
                return;
            }
            promtool.getOutputStream().write(ours.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(60, TimeUnit.SECONDS));
            // Micrometer's Prometheus client 1.x writes "# TYPE x counter" / "# HELP x" for samples "x_total", which
            // the text-format 0.0.4 linter reads as a separate family without help: accept exactly that finding when
            // the counter's own HELP line is present
            List<String> findings = out.lines().filter(line -> !line.isBlank())
                    .filter(line -> !(line.matches("[a-z_]+_total no help text")
                            && ours.contains("# HELP " + line.substring(0, line.indexOf("_total no help text")) + " ")))
                    .toList();
            assertEquals(List.of(), findings, "promtool check metrics (input in target/metrics-promtool.txt): " + out);
            given().delete("/api/v1/targets/" + id).then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> !given().get("/q/metrics").asString().contains(name));
        }
    }
}
