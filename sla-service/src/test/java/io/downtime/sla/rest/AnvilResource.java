package io.downtime.sla.rest;

import java.util.Map;

import io.downtime.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Anvil node for anchoring tests, with anchoring configured to use it: chain id 31337 and Anvil's well-known
 * dev account 0 (a test-only key), receipts polled every 200 ms.
 */
public class AnvilResource implements QuarkusTestResourceLifecycleManager {

    /** Anvil's dev account 0 private key; public knowledge, for tests only. */
    static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    /** Its address, lower-case. */
    static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    /** The running node, for tests that stop or inspect it. */
    static volatile Anvil anvil;

    @Override
    public Map<String, String> start() {
        anvil = Anvil.start();
        return Map.of(
                "downtime.sla.anchor.rpc-url", anvil.url(),
                "downtime.sla.anchor.chain-id", "31337",
                "downtime.sla.anchor.private-key", DEV_KEY,
                "downtime.sla.anchor.receipt-poll-interval", "PT0.2S",
                "downtime.sla.anchor.receipt-timeout", "PT20S",
                "downtime.sla.anchor.rpc-timeout", "PT3S");
    }

    @Override
    public void stop() {
        if (anvil != null) {
            anvil.close();
            anvil = null;
        }
    }
}
