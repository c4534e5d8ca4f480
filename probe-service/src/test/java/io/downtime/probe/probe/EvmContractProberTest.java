package io.downtime.probe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.support.ProberConfigs;
import io.downtime.probe.support.Solidity;
import io.downtime.testsupport.Anvil;
import io.vertx.core.Vertx;

/** The evm-contract probe against a Pausable contract compiled with solcjs and deployed to a real Anvil. */
class EvmContractProberTest {

    private static final BigInteger SUPPLY = BigInteger.valueOf(1_000_000);

    private static Anvil anvil;
    private static Vertx vertx;
    private static EvmContractProber prober;
    private static Solidity chain;
    private static String contract;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        vertx = Vertx.vertx();
        prober = new EvmContractProber(vertx, ProberConfigs.prober(1 << 20));
        chain = new Solidity(anvil.url());
        contract = chain.deploy(Solidity.compile("Pausable"), List.of(new Uint256(SUPPLY)));
    }

    @AfterAll
    static void stop() {
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        anvil.close();
    }

    private static TargetSpec spec(String address, long chainId, TargetSpec.Call... calls) {
        return new TargetSpec(1, "dex-router", "demo-dex", TargetKind.EVM_CONTRACT, anvil.url(), 1, 5000, 2, 2, chainId,
                null, null, Instant.now(), null, null, new TargetSpec.Contract(address, List.of(calls)));
    }

    private static TargetSpec.Call call(String function, List<String> args, String returns, String expect, String min,
            String max) {
        return new TargetSpec.Call(function, args, returns, expect, min, max);
    }

    private static ProbeResult probe(TargetSpec spec) {
        return prober.probe(spec).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void pausedIsDownContractPausedAndUnpausedIsUp() {
        TargetSpec spec = spec(contract, 31337, call("paused()", List.of(), "bool", "false", null, null));
        ProbeResult up = probe(spec);
        assertEquals(ProbeState.UP, up.state(), up.evidence().toString());
        assertEquals("ok", up.reason());
        chain.call(contract, "pause");
        try {
            ProbeResult down = probe(spec);
            assertEquals(ProbeState.DOWN, down.state());
            assertEquals("contract_paused", down.reason(), down.evidence().toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> calls = (List<Map<String, Object>>) down.evidence().get("calls");
            assertEquals("true", calls.get(0).get("value"));
            // a view that reverts while paused
            ProbeResult reverted = probe(spec(contract, 31337, call("quote()", List.of(), "uint256", "42", null, null)));
            assertEquals("call_reverted", reverted.reason(), reverted.evidence().toString());
        } finally {
            chain.call(contract, "unpause");
        }
        assertEquals(ProbeState.UP, probe(spec).state());
    }

    @Test
    void valuesAndRangesOfViewCallsWithArgumentsAreChecked() {
        String holder = Solidity.deployer();
        ProbeResult ok = probe(spec(contract, 31337,
                call("totalSupply()", List.of(), "uint256", SUPPLY.toString(), null, null),
                call("balanceOf(address)", List.of(holder), "uint256", null, "1", SUPPLY.toString()),
                call("owner()", List.of(), "address", holder.toUpperCase().replace("0X", "0x"), null, null),
                call("quote()", List.of(), null, null, null, null)));
        assertEquals(ProbeState.UP, ok.state(), ok.evidence().toString());

        ProbeResult wrongValue = probe(spec(contract, 31337, call("totalSupply()", List.of(), "uint256", "5", null, null)));
        assertEquals("call_mismatch", wrongValue.reason());
        ProbeResult outOfRange = probe(spec(contract, 31337,
                call("balanceOf(address)", List.of("0x000000000000000000000000000000000000dEaD"), "uint256", null, "1",
                        null)));
        assertEquals(ProbeState.DOWN, outOfRange.state());
        assertEquals("call_mismatch", outOfRange.reason(), outOfRange.evidence().toString());
    }

    @Test
    void anAddressWithoutCodeIsCodeMissingAndAWrongChainIsReported() {
        ProbeResult missing = probe(spec("0x000000000000000000000000000000000000dEaD", 31337));
        assertEquals("code_missing", missing.reason());
        assertEquals(0, missing.evidence().get("codeBytes"));
        ProbeResult wrongChain = probe(spec(contract, 1, call("paused()", List.of(), "bool", "false", null, null)));
        assertEquals("chain_id_mismatch", wrongChain.reason());
    }

    @Test
    void anUnreachableEndpointIsConnectionRefused() {
        TargetSpec spec = new TargetSpec(1, "x", "s", TargetKind.EVM_CONTRACT, "http://127.0.0.1:" + Anvil.freePort(), 1,
                2000, 2, 2, 31337L, null, null, Instant.now(), null, null, new TargetSpec.Contract(contract, List.of()));
        assertEquals("connection_refused", probe(spec).reason());
    }
}
