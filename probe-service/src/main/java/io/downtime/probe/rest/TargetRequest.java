package io.downtime.probe.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/targets} and {@code PUT /api/v1/targets/{id}}.
 *
 * <pre>
 * {"name":"anvil-local","service":"demo-dex","kind":"evm-node","url":"http://127.0.0.1:8545",
 *  "intervalSeconds":1,"timeoutMs":800,"failureThreshold":2,"successThreshold":2,
 *  "evm":{"chainId":31337,"maxHeadAgeSeconds":5}}
 * </pre>
 *
 * Optional numbers default to: intervalSeconds 15, timeoutMs 2000, failureThreshold 2, successThreshold 2.
 *
 * @param name unique target name, {@code [A-Za-z0-9._-]}, 1–100 characters: the target's key across regions
 * @param service the service (what users consume) this target is a component of
 * @param kind {@code http} or {@code evm-node}
 * @param url {@code http://} or {@code https://} URL of the endpoint
 * @param intervalSeconds seconds between probes, 1–3600
 * @param timeoutMs milliseconds before a probe counts as {@code timeout}, 50–60000 and at most the interval
 * @param failureThreshold bad probes in a row that confirm {@code DOWN}, 1–100
 * @param successThreshold good probes in a row that confirm {@code UP}, 1–100
 * @param http settings of {@code http} targets
 * @param evm settings of {@code evm-node} targets (required for them)
 */
public record TargetRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must match [A-Za-z0-9._-]+") String name,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must match [A-Za-z0-9._-]+") String service,
        @NotNull @Pattern(regexp = "http|evm-node", message = "must be one of: http, evm-node") String kind,
        @NotBlank @Size(max = 2048) String url,
        @Min(1) @Max(3600) Integer intervalSeconds,
        @Min(50) @Max(60000) Integer timeoutMs,
        @Min(1) @Max(100) Integer failureThreshold,
        @Min(1) @Max(100) Integer successThreshold,
        @Valid HttpSettings http,
        @Valid EvmSettings evm) {

    /**
     * @param expectedStatus the status code that means up (default 200)
     */
    public record HttpSettings(@Min(100) @Max(599) Integer expectedStatus) {
    }

    /**
     * @param chainId the chain id {@code eth_chainId} must return (required)
     * @param maxHeadAgeSeconds largest head age in seconds (now − latest block timestamp) that is still up; when
     *        absent the limit adapts to the block intervals observed on the chain (several times the recent median,
     *        with a floor and a ceiling: {@code downtime.probe.evm.stale-*})
     * @param expectedBlockSeconds block time in seconds used to date a halt (last block + block time); read from
     *        the chain when absent
     * @param maxBlockLag largest block lag (blocks behind the best head seen for the chain id: other targets here,
     *        other regions, {@code referenceUrl}) that is still UP; above it DEGRADED {@code block_lag}
     * @param maxBlockLagDown largest block lag that is not DOWN (DOWN {@code block_lag} above it); at least
     *        {@code maxBlockLag} when both are set
     * @param referenceUrl {@code http(s)://} JSON-RPC URL of a reference node of the same chain (its
     *        {@code eth_blockNumber} joins the best head)
     * @param maxFinalityLagBlocks largest finality lag ({@code latest − finalized}, blocks); above it DEGRADED
     *        {@code finality_stalled}; a node without the {@code finalized} tag is not judged
     * @param congestedAboveGwei gas price ({@code eth_gasPrice}) in gwei above which the target is DEGRADED
     *        {@code congested}
     * @param minPeers fewest {@code net_peerCount} peers still UP (DEGRADED {@code low_peers} below); a node that
     *        does not support the method is not judged
     * @param latencyAnomaly {@code true}: a latency well above the target's own baseline (EWMA against median + MAD)
     *        marks it DEGRADED {@code latency_anomaly}; off when absent
     */
    public record EvmSettings(@NotNull @Min(1) Long chainId, @Min(1) @Max(86400) Integer maxHeadAgeSeconds,
            @Min(0) @Max(3600) Integer expectedBlockSeconds,
            @Min(0) @Max(1000000) Integer maxBlockLag,
            @Min(0) @Max(1000000) Integer maxBlockLagDown,
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String referenceUrl,
            @Min(0) @Max(1000000) Integer maxFinalityLagBlocks,
            @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1000000000") java.math.BigDecimal congestedAboveGwei,
            @Min(0) @Max(100000) Integer minPeers,
            Boolean latencyAnomaly) {

        /** The settings stored on an {@code evm-node} target (as echoed in responses). */
        public static EvmSettings of(io.downtime.probe.domain.Target t) {
            return new EvmSettings(t.evmChainId, t.evmMaxHeadAgeSeconds, t.evmExpectedBlockSeconds, t.evmMaxBlockLag,
                    t.evmMaxBlockLagDown, t.evmReferenceUrl, t.evmMaxFinalityLagBlocks, t.evmCongestedAboveGwei,
                    t.evmMinPeers, t.evmLatencyAnomaly);
        }

        /** Copies the evm-node settings onto the entity ({@code evm} null: clears them). */
        public static void apply(EvmSettings evm, io.downtime.probe.domain.Target t) {
            t.evmChainId = evm == null ? null : evm.chainId();
            t.evmMaxHeadAgeSeconds = evm == null ? null : evm.maxHeadAgeSeconds();
            t.evmExpectedBlockSeconds = evm == null ? null : evm.expectedBlockSeconds();
            t.evmMaxBlockLag = evm == null ? null : evm.maxBlockLag();
            t.evmMaxBlockLagDown = evm == null ? null : evm.maxBlockLagDown();
            t.evmReferenceUrl = evm == null || evm.referenceUrl() == null ? null : evm.referenceUrl().trim();
            t.evmMaxFinalityLagBlocks = evm == null ? null : evm.maxFinalityLagBlocks();
            t.evmCongestedAboveGwei = evm == null ? null : evm.congestedAboveGwei();
            t.evmMinPeers = evm == null ? null : evm.minPeers();
            t.evmLatencyAnomaly = evm == null ? null : evm.latencyAnomaly();
        }
    }
}
