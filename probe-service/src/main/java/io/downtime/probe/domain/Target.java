package io.downtime.probe.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A target: one thing probed (an RPC endpoint, a URL, a socket, a contract). Table {@code target}. */
@Entity
@Table(name = "target")
public class Target extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String service;

    @Enumerated(EnumType.STRING)
    public TargetKind kind;

    public String url;

    @Column(name = "interval_seconds")
    public int intervalSeconds;

    @Column(name = "timeout_ms")
    public int timeoutMs;

    @Column(name = "failure_threshold")
    public int failureThreshold;

    @Column(name = "success_threshold")
    public int successThreshold;

    /** {@code evm-node}: the chain id {@code eth_chainId} must return. */
    @Column(name = "evm_chain_id")
    public Long evmChainId;

    /** {@code evm-node}: largest head age (seconds since the latest block's timestamp) that is still up. */
    @Column(name = "evm_max_head_age_seconds")
    public Integer evmMaxHeadAgeSeconds;

    /** {@code evm-node}: block time in seconds; when null it is read from the chain (latest − parent timestamp). */
    @Column(name = "evm_expected_block_seconds")
    public Integer evmExpectedBlockSeconds;

    // --- probe catalogue settings (http, websocket, evm-contract): JSON text of the TargetSpec records ---

    /** {@code http}: JSON of {@code TargetSpec.Http} (status set, body checks, limits, request headers). */
    @Column(name = "http_settings")
    public String httpSettings;

    /** {@code websocket}: JSON of {@code TargetSpec.WebSocket} (subscribe message, expected substring, headers). */
    @Column(name = "websocket_settings")
    public String websocketSettings;

    /** {@code evm-contract}: JSON of {@code TargetSpec.Contract} (address, view calls and expectations). */
    @Column(name = "contract_settings")
    public String contractSettings;

    // --- end of probe catalogue settings ---

    // --- evm-node checks (V3__evm_engine.sql); null = check off ---

    /** {@code evm-node}: largest block lag (blocks behind the best head of the chain id) that is not DEGRADED. */
    @Column(name = "evm_max_block_lag")
    public Integer evmMaxBlockLag;

    /** {@code evm-node}: largest block lag that is not DOWN. */
    @Column(name = "evm_max_block_lag_down")
    public Integer evmMaxBlockLagDown;

    /** {@code evm-node}: JSON-RPC URL of a reference node of the same chain, asked for its head each probe. */
    @Column(name = "evm_reference_url")
    public String evmReferenceUrl;

    /** {@code evm-node}: largest finality lag ({@code latest − finalized}, blocks) that is not DEGRADED. */
    @Column(name = "evm_max_finality_lag_blocks")
    public Integer evmMaxFinalityLagBlocks;

    /** {@code evm-node}: gas price in gwei above which the chain is DEGRADED {@code congested}. */
    @Column(name = "evm_congested_above_gwei")
    public java.math.BigDecimal evmCongestedAboveGwei;

    /** {@code evm-node}: fewest {@code net_peerCount} peers that is not DEGRADED {@code low_peers}. */
    @Column(name = "evm_min_peers")
    public Integer evmMinPeers;

    /** {@code evm-node}: whether latency anomalies (robust baseline) make the target DEGRADED. */
    @Column(name = "evm_latency_anomaly")
    public Boolean evmLatencyAnomaly;

    // --- end of evm-node checks ---

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
