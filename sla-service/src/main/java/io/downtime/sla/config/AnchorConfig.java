package io.downtime.sla.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.Secret;
import io.smallrye.config.WithDefault;

/**
 * Anchoring of SLA reports on an EVM chain, prefix {@code downtime.sla.anchor}. Anchoring is enabled when
 * {@link #rpcUrl()}, {@link #chainId()} and {@link #privateKey()} are all set; verifying anchors needs only the first
 * two. Without them {@code POST …/reports/anchor} answers 503.
 * <p>
 * The private key and the RPC URL (provider URLs embed API keys) are {@link Secret}s: the generated
 * {@link #toString()} omits them, SmallRye Config refuses to hand them out through its programmatic API, and the
 * service never logs nor returns them. In Kubernetes they come from a Secret as environment variables.
 */
@ConfigMapping(prefix = "downtime.sla.anchor")
public interface AnchorConfig {

    /**
     * JSON-RPC HTTP(S) endpoint of the chain, e.g. {@code http://127.0.0.1:8545}; env
     * {@code DOWNTIME_SLA_ANCHOR_RPC_URL}.
     */
    Optional<Secret<String>> rpcUrl();

    /**
     * EIP-155 chain id the transactions are signed for and that {@code eth_chainId} of {@link #rpcUrl()} must report
     * (1 Ethereum mainnet, 31337 Anvil); env {@code DOWNTIME_SLA_ANCHOR_CHAIN_ID}.
     */
    Optional<Long> chainId();

    /**
     * Private key of the account that sends the anchor transactions and pays their gas: 32 bytes as 64 hex digits,
     * with or without {@code 0x}; env {@code DOWNTIME_SLA_ANCHOR_PRIVATE_KEY}, meant to come from a Kubernetes Secret.
     */
    Optional<Secret<String>> privateKey();

    /**
     * Recipient of the anchor transactions ({@code 0x} + 40 hex digits); default: the sender itself. Transactions
     * carry no value, only the digest as data.
     */
    Optional<String> toAddress();

    /** How long to wait for the anchor transaction to be mined before answering 503 (nothing is stored then). */
    @WithDefault("PT60S")
    Duration receiptTimeout();

    /** How often to ask for the receipt ({@code eth_getTransactionReceipt}) while waiting. */
    @WithDefault("PT1S")
    Duration receiptPollInterval();

    /** Connect, read and write timeout of each JSON-RPC call. */
    @WithDefault("PT10S")
    Duration rpcTimeout();

    /** @return the settings without the secrets */
    @Override
    String toString();
}
