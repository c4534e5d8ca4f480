package io.downtime.probe.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.testsupport.Anvil;

/** The evm-node probe against a real Anvil node. */
class EvmNodeProberTest {

    private static Anvil anvil;
    private final EvmNodeProber prober = new EvmNodeProber();

    @BeforeAll
    static void startAnvil() {
        anvil = Anvil.start();
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    private static TargetSpec spec(String url, long chainId, Integer maxHeadAge) {
        return spec(url, chainId, maxHeadAge, 5000);
    }

    private static TargetSpec spec(String url, long chainId, Integer maxHeadAge, int timeoutMs) {
        return new TargetSpec(1, "anvil", "demo", TargetKind.EVM_NODE, url, 1, timeoutMs, 2, 2, chainId, maxHeadAge,
                null, Instant.now(), null, null, null);
    }

    private ProbeResult probe(TargetSpec spec) {
        return prober.probe(spec).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aProducingChainWithTheRightChainIdIsUpWithBlockEvidence() {
        ProbeResult r = probe(spec(anvil.url(), 31337, 5));
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
        ProbeResult r = probe(spec(anvil.url(), 1, 5));
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
            ProbeResult r = probe(spec("http://127.0.0.1:" + silent.getLocalPort(), 31337, 5, 300));
            assertEquals(ProbeState.DOWN, r.state());
            assertEquals("timeout", r.reason(), r.evidence().toString());
        }
    }

    @Test
    void aHaltedChainIsHeadStaleDatedAtTheLastBlockPlusTheBlockTime() {
        try (Anvil halted = Anvil.start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> halted.rpc("eth_blockNumber", "[]").matches(".*\"0x[2-9a-f].*"));
            halted.halt();
            Instant haltedAt = Instant.now();
            TargetSpec spec = spec(halted.url(), 31337, 2);
            ProbeResult stale = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> probe(spec), r -> r.state() == ProbeState.DOWN);
            assertEquals("head_stale", stale.reason(), stale.evidence().toString());
            // the block time is read from the chain: 1 s blocks, 2 s when a mining tick crosses a second boundary
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
}
