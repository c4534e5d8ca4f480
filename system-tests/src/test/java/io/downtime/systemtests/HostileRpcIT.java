package io.downtime.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.downtime.systemtests.support.Api;
import io.downtime.systemtests.support.Downtime;
import io.downtime.testsupport.Anvil;
import io.downtime.testsupport.HostileRpc;
import io.downtime.testsupport.HostileRpc.Mode;
import io.restassured.path.json.JsonPath;

/**
 * Untrusted JSON-RPC answers (OWASP API10:2023, unsafe consumption of APIs): an {@code evm-node} target whose
 * endpoint answers garbage, invalid JSON, wrongly typed JSON, never, 50 MiB, or one byte every 200 ms goes DOWN with
 * a reason that names the fault, while probe-service (started with {@code -Xmx256m}) stays alive and ready and keeps
 * probing a healthy Anvil node beside it.
 */
class HostileRpcIT {

    private static Downtime system;
    private static Api api;
    private static HostileRpc hostile;
    private static Anvil anvil;
    private static long control;

    @BeforeAll
    static void start() {
        hostile = HostileRpc.start();
        anvil = Anvil.start();
        system = Downtime.start("hostile");
        api = new Api(system);
        control = api.registerTarget(evmNode("control-" + suffix(), anvil.url()));
        await("control target UP").atMost(Duration.ofSeconds(60))
                .until(() -> "UP".equals(api.targetStatus(control).getString("state")));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (anvil != null) {
            anvil.close();
        }
        if (hostile != null) {
            hostile.close();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** An {@code evm-node} target probed every second with an 800 ms timeout, DOWN after one bad probe. */
    private static String evmNode(String name, String url) {
        return """
                {"name":"%s","service":"hostile-%s","kind":"evm-node","url":"%s","intervalSeconds":1,"timeoutMs":800,
                 "failureThreshold":1,"successThreshold":1,"evm":{"chainId":31337,"maxHeadAgeSeconds":30}}"""
                .formatted(name, name, url);
    }

    /**
     * Registers a target on the hostile endpoint of {@code mode}, waits until it is DOWN and has been probed at least
     * {@code probes} times, then checks that probe-service is still healthy; returns the reason it went DOWN with.
     */
    private static String assertDownAndProberHealthy(Mode mode, int probes) {
        long target = api.registerTarget(evmNode(mode.path().substring(1) + "-" + suffix(), hostile.url(mode)));
        JsonPath down = await(mode + " target DOWN").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.targetStatus(target), s -> "DOWN".equals(s.getString("state")));
        long before = hostile.requests(mode);
        await(mode + " probed " + probes + " more times").atMost(Duration.ofSeconds(90))
                .until(() -> hostile.requests(mode) >= before + probes);
        Instant after = Instant.now();
        JsonPath status = api.targetStatus(target);
        Api.figure(("hostile JSON-RPC %s: DOWN with reason %s (last probe %s, %s ms, evidence %s); %d requests, %d bytes"
                + " sent; probe-service -Xmx256m alive and ready").formatted(mode, down.getString("reason"),
                        status.getString("lastProbe.reason"), status.getString("lastProbe.latencyMs"),
                        status.getString("lastProbe.evidence"), hostile.requests(mode), hostile.bytesSent(mode)));
        assertEquals("DOWN", status.getString("state"), "still DOWN: " + status.prettify());
        assertEquals("DOWN", status.getString("lastProbe.state"), status.prettify());

        // probe-service itself: alive, ready, no OutOfMemoryError, and the healthy node beside it still probed and UP
        assertTrue(system.probe.isAlive(), "probe-service exited; see " + system.probe.log());
        assertTrue(system.probe.isReady(), "probe-service not ready");
        await("control target probed after " + after).atMost(Duration.ofSeconds(30))
                .until(() -> api.targetStatus(control),
                        s -> Instant.parse(s.getString("lastProbe.at")).isAfter(after)
                                && "UP".equals(s.getString("state")));
        assertFalse(logMentions("OutOfMemoryError"), "OutOfMemoryError in " + system.probe.log());
        return down.getString("reason");
    }

    /** As {@link #assertDownAndProberHealthy}, and the reason is one of {@code reasons}. */
    private static void assertDownWithReason(Mode mode, Set<String> reasons) {
        String reason = assertDownAndProberHealthy(mode, 2);
        assertTrue(reasons.contains(reason), mode + ": reason " + reason + " is not one of " + reasons);
    }

    private static boolean logMentions(String text) {
        try {
            return Files.readString(system.probe.log()).contains(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHostileNodeIsDownAndProbeServiceStaysHealthy(Mode mode) {
        // HUGE: ten 50 MiB answers against a 256 MiB heap; a prober that buffered them would run out of memory
        assertDownAndProberHealthy(mode, mode == Mode.HUGE ? 10 : 3);
    }

    @Test
    void aNodeThatNeverAnswersIsATimeout() {
        assertDownWithReason(Mode.HANG, Set.of("timeout"));
    }

    @Test
    void aNodeThatDripsItsAnswerIsATimeout() {
        assertDownWithReason(Mode.DRIP, Set.of("timeout"));
    }

    @Test
    void garbageBytesAreABadResponse() {
        assertDownWithReason(Mode.GARBAGE, Set.of("bad_response", "rpc_error"));
    }

    @Test
    void invalidJsonIsABadResponse() {
        assertDownWithReason(Mode.INVALID_JSON, Set.of("bad_response", "rpc_error"));
    }

    @Test
    void wronglyTypedJsonIsABadResponse() {
        assertDownWithReason(Mode.WRONG_TYPES, Set.of("bad_response", "rpc_error"));
    }

    @Test
    void a50MiBAnswerIsTooLarge() {
        assertDownWithReason(Mode.HUGE, Set.of("response_too_large"));
    }
}
