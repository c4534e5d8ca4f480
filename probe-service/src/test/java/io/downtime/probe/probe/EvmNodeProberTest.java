package io.downtime.probe.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.probe.chain.ChainView;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.rpc.JsonRpcClient;
import io.downtime.probe.support.TestProbeConfig;
import io.downtime.testsupport.Anvil;
import io.vertx.core.Vertx;

/** The evm-node probe against real Anvil nodes, over the non-blocking JSON-RPC transport. */
class EvmNodeProberTest {

    private static final ProbeConfig CONFIG = TestProbeConfig.defaults();
    private static Vertx vertx;
    private static JsonRpcClient rpc;
    private static Anvil anvil;
    private final EvmNodeProber prober = new EvmNodeProber(rpc, new ChainView(CONFIG), CONFIG);

    @BeforeAll
    static void startAnvil() {
        vertx = Vertx.vertx();
        rpc = new JsonRpcClient(vertx, CONFIG);
        anvil = Anvil.start();
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static TargetSpec spec(String url, long chainId, Integer maxHeadAge) {
        return spec(1, url, chainId, maxHeadAge, 5000, EvmChecks.NONE);
    }

    private static TargetSpec spec(long id, String url, long chainId, Integer maxHeadAge, int timeoutMs,
            EvmChecks checks) {
        return new TargetSpec(id, "anvil-" + id, "demo", TargetKind.EVM_NODE, url, 1, timeoutMs, 2, 2, chainId, maxHeadAge,
                null, Instant.now(), null, null, null, checks);
    }

    private static long blockNumber(Anvil node) {
        return Long.decode(node.rpc("eth_blockNumber", "[]").replaceAll(".*\"result\":\"(0x[0-9a-f]+)\".*", "$1"));
    }

    private ProbeResult probe(TargetSpec spec) {
        return prober.probe(spec).await().atMost(Duration.ofSeconds(10));
    }

    /**
     * Probes until the result is not a transport timeout: on this shared, loaded machine the first request to a
     * freshly started node occasionally stalls past the timeout (known issue, see the lead's report).
     */
    private ProbeResult probeAnswered(TargetSpec spec) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> probe(spec), r -> !"timeout".equals(r.reason()));
    }

    @Test
    void aProducingChainWithTheRightChainIdIsUpWithBlockEvidence() {
        ProbeResult r = probeAnswered(spec(anvil.url(), 31337, 5));
        assertEquals(ProbeState.UP, r.state(), r.evidence().toString());
        assertEquals("ok", r.reason());
        assertTrue(r.evidence().containsKey("blockNumber"));
        assertTrue(r.evidence().containsKey("blockHash"));
        assertTrue((Double) r.evidence().get("headAgeSeconds") <= 5.0);
        assertEquals(Instant.parse((String) r.evidence().get("blockTimestamp")).isAfter(r.probedAt()) ? r.probedAt()
                : Instant.parse((String) r.evidence().get("blockTimestamp")), r.since(), "up since the head block");
    }

    @Test
    void aWrongChainIdIsDown() {
        ProbeResult r = probeAnswered(spec(anvil.url(), 1, 5));
        assertEquals(ProbeState.DOWN, r.state());
        assertEquals("chain_id_mismatch", r.reason());
        assertEquals(1L, r.evidence().get("expectedChainId"));
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        ProbeResult r = probe(spec("http://127.0.0.1:" + Anvil.freePort(), 31337, 5));
        assertEquals(ProbeState.DOWN, r.state());
        assertEquals("connection_refused", r.reason(), r.evidence().toString());
    }

    @Test
    void aNodeThatAcceptsButNeverAnswersIsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProbeResult r = probe(spec(1, "http://127.0.0.1:" + silent.getLocalPort(), 31337, 5, 300, EvmChecks.NONE));
            assertEquals(ProbeState.DOWN, r.state());
            assertEquals("timeout", r.reason(), r.evidence().toString());
        }
    }

    @Test
    void finalityLagAboveTheLimitIsFinalityStalledAndWithinItIsUp() {
        EvmChecks strict = new EvmChecks(null, null, null, 0, null, null, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> blockNumber(anvil) >= 2);
        ProbeResult r = probeAnswered(spec(1, anvil.url(), 31337, 5, 5000, strict));
        assertEquals(ProbeState.DEGRADED, r.state(), r.evidence().toString());
        assertEquals("finality_stalled", r.reason());
        // Anvil: finalized = latest − 64 (block 0 while younger), so the lag is positive
        assertTrue(((Number) r.evidence().get("finalityLagBlocks")).longValue() > 0);
        ProbeResult ok = probeAnswered(
                spec(2, anvil.url(), 31337, 5, 5000, new EvmChecks(null, null, null, 100000, null, null, null)));
        assertEquals(ProbeState.UP, ok.state(), ok.evidence().toString());
    }

    @Test
    void aGasPriceAboveTheLimitIsCongested() {
        ProbeResult r = probeAnswered(
                spec(1, anvil.url(), 31337, 5, 5000, new EvmChecks(null, null, null, null, BigDecimal.ZERO, null, null)));
        assertEquals(ProbeState.DEGRADED, r.state(), r.evidence().toString());
        assertEquals("congested", r.reason());
        assertTrue(((BigDecimal) r.evidence().get("gasPriceGwei")).signum() > 0);
        ProbeResult ok = probeAnswered(spec(2, anvil.url(), 31337, 5, 5000,
                new EvmChecks(null, null, null, null, new BigDecimal("100000"), null, null)));
        assertEquals(ProbeState.UP, ok.state(), ok.evidence().toString());
    }

    @Test
    void aNodeWithoutNetPeerCountIsNotJudgedOnPeers() {
        ProbeResult r = probeAnswered(
                spec(1, anvil.url(), 31337, 5, 5000, new EvmChecks(null, null, null, null, null, 5, null)));
        assertEquals(ProbeState.UP, r.state(), "Anvil answers net_peerCount with 'method not found': " + r.evidence());
        assertFalse(r.evidence().containsKey("peerCount"));
    }

    @Test
    void aReferenceEndpointAheadOfTheNodeIsBlockLag() {
        try (Anvil behind = Anvil.start()) {
            // two independent Anvil chains on chain id 31337: the older one is ahead; halt the younger one
            behind.halt();
            await().atMost(Duration.ofSeconds(30)).until(() -> blockNumber(anvil) >= 8);
            ProbeResult r = probeAnswered(
                    spec(1, behind.url(), 31337, 3600, 5000, new EvmChecks(3, null, anvil.url(), null, null, null, null)));
            assertEquals(ProbeState.DEGRADED, r.state(), r.evidence().toString());
            assertEquals("block_lag", r.reason());
            assertEquals("reference", r.evidence().get("bestHeadSource"));
            assertTrue(((Number) r.evidence().get("blockLag")).longValue() > 3);
        }
    }

    @Test
    void aHaltedChainIsHeadStaleDatedAtTheLastBlockPlusTheBlockTime() {
        try (Anvil halted = Anvil.start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> blockNumber(halted) >= 2);
            halted.halt();
            Instant haltedAt = Instant.now();
            TargetSpec spec = spec(halted.url(), 31337, 2);
            ProbeResult stale = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> probe(spec), r -> "head_stale".equals(r.reason()));
            assertEquals(ProbeState.DOWN, stale.state());
            // 1 s blocks, 2 s when a mining tick crosses a second boundary
            long blockTime = (Long) stale.evidence().get("blockTimeSeconds");
            assertTrue(blockTime == 1L || blockTime == 2L, "block time " + blockTime);
            Instant lastBlock = Instant.parse((String) stale.evidence().get("blockTimestamp"));
            assertEquals(lastBlock.plusSeconds(blockTime), stale.since());
            // the chain stopped within a block time of the halt, long before the age limit was crossed
            assertTrue(Duration.between(stale.since(), haltedAt).abs().toMillis() <= 3000,
                    "since " + stale.since() + " vs halt " + haltedAt);
            assertTrue(stale.since().isBefore(stale.probedAt().minusSeconds(1)));
        }
    }

    @Test
    void withoutAConfiguredLimitTheStalenessLimitAdaptsToTheBlockInterval() {
        try (Anvil node = Anvil.start()) {
            TargetSpec spec = spec(node.url(), 31337, null);
            // learn the 1 s block interval: the limit drops from the 300 s ceiling to 5 × 1 s
            ProbeResult learnt = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> probe(spec), r -> ((Number) r.evidence().get("headAgeLimitSeconds")).doubleValue() < 10);
            assertEquals("adaptive", learnt.evidence().get("headAgeLimitSource"));
            assertEquals(ProbeState.UP, learnt.state(), learnt.evidence().toString());
            node.halt();
            Instant haltedAt = Instant.now();
            ProbeResult stale = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> probe(spec), r -> "head_stale".equals(r.reason()));
            assertEquals(ProbeState.DOWN, stale.state(), stale.evidence().toString());
            assertTrue(Duration.between(haltedAt, stale.probedAt()).toSeconds() < 15,
                    "a 1 s chain is stale within seconds, not at the 300 s ceiling");
        }
    }

    @Test
    void oneHaltedNodeOfAChainIsStaleAndLaggingButTheChainIsNotHaltedUntilEveryNodeIs() {
        try (Anvil a = Anvil.start(); Anvil b = Anvil.start()) {
            EvmChecks lag = new EvmChecks(2, null, null, null, null, null, null);
            TargetSpec specA = spec(11, a.url(), 31337, 4, 5000, lag);
            TargetSpec specB = spec(12, b.url(), 31337, 4, 5000, lag);
            await().atMost(Duration.ofSeconds(30)).until(() -> blockNumber(a) >= 2 && blockNumber(b) >= 2);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> probe(specA).state() == ProbeState.UP & probe(specB).state() == ProbeState.UP);
            b.halt();
            // B stays stale while A moves on: B falls more than maxBlockLag (2) behind
            ProbeResult badB = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        probe(specA);
                        return probe(specB);
                    }, r -> r.state() == ProbeState.DOWN && r.evidence().get("blockLag") instanceof Number n
                            && n.longValue() > 2);
            assertEquals("head_stale", badB.reason(), badB.evidence().toString());
            assertEquals(java.util.List.of("block_lag"), badB.evidence().get("alsoReasons"));
            // the running provider is still up (polled: one probe may time out on a loaded machine)
            await().atMost(Duration.ofSeconds(20)).until(() -> probe(specA).state() == ProbeState.UP);
            assertNotEquals("chain_halted", badB.reason());

            a.halt();
            ProbeResult haltedA = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        probe(specB);
                        return probe(specA);
                    }, r -> "chain_halted".equals(r.reason()));
            assertEquals(ProbeState.DOWN, haltedA.state());
            assertEquals(31337L, ((Number) haltedA.evidence().get("chainId")).longValue());
            ProbeResult haltedB = probeAnswered(specB);
            assertEquals("chain_halted", haltedB.reason(), haltedB.evidence().toString());
        }
    }
}
