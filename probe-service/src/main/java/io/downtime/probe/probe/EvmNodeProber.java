package io.downtime.probe.probe;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthGasPrice;
import org.web3j.protocol.core.methods.response.EthSyncing;
import org.web3j.protocol.core.methods.response.NetPeerCount;

import io.downtime.probe.anomaly.AdaptiveStaleness;
import io.downtime.probe.anomaly.HeadRegression;
import io.downtime.probe.anomaly.LatencyBaseline;
import io.downtime.probe.chain.ChainView;
import io.downtime.probe.chain.EvmJudge;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.rpc.JsonRpcClient;
import io.smallrye.mutiny.Uni;

/**
 * Probes an EVM JSON-RPC node: one JSON-RPC batch of {@code eth_chainId}, {@code eth_syncing},
 * {@code eth_getBlockByNumber("latest")}, {@code eth_getBlockByNumber("finalized")} and, when their limits are set,
 * {@code eth_gasPrice} and {@code net_peerCount} (plus {@code eth_blockNumber} of the reference endpoint, in
 * parallel), sent with web3j's request/response types over the non-blocking {@link JsonRpcClient}.
 *
 * <p>
 * Checks, most severe first: {@code chain_id_mismatch}, {@code syncing}, {@code rpc_error} (chain id, syncing or
 * latest block answered with a JSON-RPC error) — all DOWN — then {@link EvmJudge}: {@code chain_halted} /
 * {@code head_stale} DOWN, {@code block_lag} DOWN/DEGRADED, {@code head_regressed}, {@code finality_stalled},
 * {@code congested}, {@code low_peers}, {@code latency_anomaly} DEGRADED; plus the transport reasons of
 * {@link Failures}. Errors of the optional calls (a node without the {@code finalized} tag, Anvil's "method not
 * found" for {@code net_peerCount}) only leave their check out.
 *
 * <p>
 * Head-age limit: {@code maxHeadAgeSeconds} when set, else the chain's adaptive limit
 * ({@link AdaptiveStaleness}). For {@code head_stale} the bad condition began when the chain stopped:
 * {@code since} = last block timestamp + block time (configured, else the learnt median interval, else latest −
 * parent timestamp). An up result is dated at its head block's timestamp.
 */
@ApplicationScoped
public class EvmNodeProber implements Prober {

    private final JsonRpcClient rpc;
    private final ChainView chains;
    private final ProbeConfig.Evm config;
    private final ConcurrentMap<Long, HeadRegression> regressions = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, LatencyBaseline> latencies = new ConcurrentHashMap<>();

    public EvmNodeProber(JsonRpcClient rpc, ChainView chains, ProbeConfig config) {
        this.rpc = rpc;
        this.chains = chains;
        this.config = config.probe().evm();
    }

    @Override
    public TargetKind kind() {
        return TargetKind.EVM_NODE;
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        Duration timeout = Duration.ofMillis(target.timeoutMs());
        EvmChecks checks = target.evmChecks();
        List<Request<?, ? extends Response<?>>> batch = new ArrayList<>();
        batch.add(new Request<>("eth_chainId", List.of(), null, EthChainId.class));
        batch.add(new Request<>("eth_syncing", List.of(), null, EthSyncing.class));
        batch.add(new Request<>("eth_getBlockByNumber", List.of("latest", false), null, EthBlock.class));
        batch.add(new Request<>("eth_getBlockByNumber", List.of("finalized", false), null, EthBlock.class));
        int gasAt = -1;
        int peersAt = -1;
        if (checks.congestedAboveGwei() != null) {
            gasAt = batch.size();
            batch.add(new Request<>("eth_gasPrice", List.of(), null, EthGasPrice.class));
        }
        if (checks.minPeers() != null) {
            peersAt = batch.size();
            batch.add(new Request<>("net_peerCount", List.of(), null, NetPeerCount.class));
        }
        Uni<Optional<Long>> reference = checks.referenceUrl() == null ? Uni.createFrom().item(Optional.empty())
                : rpc.send(checks.referenceUrl(), new Request<>("eth_blockNumber", List.of(), null, EthBlockNumber.class),
                        timeout)
                        .map(r -> r.hasError() ? Optional.<Long> empty()
                                : Optional.of(r.getBlockNumber().longValueExact()))
                        .onFailure().recoverWithItem(Optional.empty());
        int gas = gasAt;
        int peers = peersAt;
        return Uni.combine().all().unis(rpc.batch(target.url(), batch, timeout), reference).asTuple()
                .chain(t -> evaluate(target, t.getItem1(), gas, peers, t.getItem2(), start, t0, timeout))
                .ifNoItem().after(timeout.plusMillis(50)).fail()
                .onFailure().recoverWithItem(e -> ProbeResult.down(Failures.reason(e), start, millisSince(t0),
                        new LinkedHashMap<>(Map.of("error", Failures.describe(e), "latencyMs", millisSince(t0)))));
    }

    private Uni<ProbeResult> evaluate(TargetSpec target, List<Response<?>> answers, int gasAt, int peersAt,
            Optional<Long> referenceHead, Instant start, long t0, Duration timeout) {
        long latency = millisSince(t0);
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            if (answers.get(i).hasError()) {
                Response.Error error = answers.get(i).getError();
                String message = Failures.clean(String.valueOf(error.getMessage()));
                evidence.put("error", error.getCode() + " " + (message.length() > 300 ? message.substring(0, 300) : message));
                return done(ProbeState.DOWN, "rpc_error", start, start, latency, evidence);
            }
        }
        BigInteger chainId = ((EthChainId) answers.get(0)).getChainId();
        evidence.put("chainId", chainId);
        if (target.evmChainId() != null && !BigInteger.valueOf(target.evmChainId()).equals(chainId)) {
            evidence.put("expectedChainId", target.evmChainId());
            return done(ProbeState.DOWN, "chain_id_mismatch", start, start, latency, evidence);
        }
        EthSyncing syncing = (EthSyncing) answers.get(1);
        if (syncing.isSyncing()) {
            if (syncing.getResult() instanceof EthSyncing.Syncing s) {
                evidence.put("currentBlock", s.getCurrentBlock());
                evidence.put("highestBlock", s.getHighestBlock());
            }
            return done(ProbeState.DOWN, "syncing", start, start, latency, evidence);
        }
        EthBlock.Block head = ((EthBlock) answers.get(2)).getBlock();
        if (head == null) {
            evidence.put("error", "eth_getBlockByNumber(latest) returned null");
            return done(ProbeState.DOWN, "rpc_error", start, start, latency, evidence);
        }
        long chain = chainId.longValue();
        long number = head.getNumber().longValueExact();
        Instant blockTime = Instant.ofEpochSecond(head.getTimestamp().longValueExact());
        double headAge = Duration.between(blockTime, start).toMillis() / 1000.0;
        AdaptiveStaleness adaptive = chains.staleness(chain);
        double limit = target.evmMaxHeadAgeSeconds() != null ? target.evmMaxHeadAgeSeconds() : adaptive.limitSeconds();
        evidence.put("blockNumber", number);
        evidence.put("blockHash", head.getHash());
        evidence.put("blockTimestamp", blockTime.toString());
        evidence.put("headAgeSeconds", headAge);
        evidence.put("headAgeLimitSeconds", limit);
        evidence.put("headAgeLimitSource", target.evmMaxHeadAgeSeconds() != null ? "configured" : "adaptive");

        EthBlock finalizedAnswer = (EthBlock) answers.get(3);
        Long finalized = finalizedAnswer.hasError() || finalizedAnswer.getBlock() == null ? null
                : finalizedAnswer.getBlock().getNumber().longValueExact();
        BigInteger gasWei = gasAt < 0 || answers.get(gasAt).hasError() ? null
                : ((EthGasPrice) answers.get(gasAt)).getGasPrice();
        Long peers = peersAt < 0 || answers.get(peersAt).hasError() ? null
                : ((NetPeerCount) answers.get(peersAt)).getQuantity().longValue();
        long regressedFrom = regressions.computeIfAbsent(target.id(), id -> new HeadRegression(config.regressionWindow()))
                .observe(number);
        boolean anomalous = false;
        if (target.evmChecks().latencyAnomalyOn()) {
            LatencyBaseline.Verdict v = latencies.computeIfAbsent(target.id(),
                    id -> new LatencyBaseline(config.latencyWindow(), config.latencyAlpha(), config.latencyZ(),
                            config.latencyWarmup(), config.latencyMinSpreadMs(), config.latencyMinDeltaMs()))
                    .observe(latency);
            anomalous = v.anomalous();
            if (!Double.isNaN(v.medianMs())) {
                evidence.put("latencyBaselineMs", v.medianMs());
                evidence.put("latencyEwmaMs", Math.round(v.ewmaMs() * 10) / 10.0);
            }
        }
        boolean stale = headAge > limit;
        Optional<ChainView.BestHead> best = chains.best(chain, target.id(), start);
        if (referenceHead.isPresent() && (best.isEmpty() || referenceHead.get() > best.get().number())) {
            best = Optional.of(new ChainView.BestHead(referenceHead.get(), "reference"));
        }
        chains.record(chain, new ChainView.LocalHead(target.id(), number, blockTime, start, stale));
        Optional<ChainView.LocalHead> halted = stale ? chains.halted(chain, start) : Optional.empty();

        EvmJudge.Observation o = new EvmJudge.Observation(number, headAge, limit, halted, best, finalized, gasWei, peers,
                regressedFrom, anomalous);
        best.ifPresent(b -> {
            evidence.put("blockLag", o.blockLag());
            evidence.put("bestHead", b.number());
            evidence.put("bestHeadSource", b.source());
        });
        if (o.finalityLag() != null) {
            evidence.put("finalizedBlock", finalized);
            evidence.put("finalityLagBlocks", o.finalityLag());
        }
        if (gasWei != null) {
            evidence.put("gasPriceGwei", o.gasPriceGwei());
        }
        if (peers != null) {
            evidence.put("peerCount", peers);
        }
        if (regressedFrom >= 0) {
            evidence.put("regressedFrom", regressedFrom);
        }
        halted.ifPresent(h -> evidence.put("haltedAtBlock", h.number()));

        List<EvmJudge.Finding> findings = EvmJudge.judge(o, target.evmChecks());
        if (findings.isEmpty()) {
            return done(ProbeState.UP, "ok", start, blockTime, latency, evidence);
        }
        EvmJudge.Finding worst = findings.get(0);
        if (findings.size() > 1) {
            evidence.put("alsoReasons", findings.subList(1, findings.size()).stream().map(EvmJudge.Finding::reason).toList());
        }
        if (!stale) {
            return done(worst.state(), worst.reason(), start, start, latency, evidence);
        }
        return blockSeconds(target, head, adaptive, timeout).map(seconds -> {
            evidence.put("blockTimeSeconds", seconds);
            return finish(worst.state(), worst.reason(), start, blockTime.plusSeconds(seconds), latency, evidence);
        });
    }

    /**
     * The configured block time, else the chain's learnt median interval (rounded, at least 1 s), else the latest
     * block's timestamp minus its parent's (0 for the genesis block or when the parent cannot be read).
     */
    private Uni<Long> blockSeconds(TargetSpec target, EthBlock.Block head, AdaptiveStaleness adaptive, Duration timeout) {
        if (target.evmExpectedBlockSeconds() != null) {
            return Uni.createFrom().item(target.evmExpectedBlockSeconds().longValue());
        }
        double median = adaptive.medianIntervalSeconds();
        if (!Double.isNaN(median)) {
            return Uni.createFrom().item(Math.max(1L, Math.round(median)));
        }
        if (head.getNumber().signum() == 0) {
            return Uni.createFrom().item(0L);
        }
        return rpc.send(target.url(), new Request<>("eth_getBlockByHash", List.of(head.getParentHash(), false), null,
                EthBlock.class), timeout)
                .map(r -> r.hasError() || r.getBlock() == null ? 0L
                        : Math.max(0L, head.getTimestamp().subtract(r.getBlock().getTimestamp()).longValue()))
                .onFailure().recoverWithItem(0L);
    }

    private static Uni<ProbeResult> done(ProbeState state, String reason, Instant start, Instant since, long latency,
            Map<String, Object> evidence) {
        return Uni.createFrom().item(finish(state, reason, start, since, latency, evidence));
    }

    private static ProbeResult finish(ProbeState state, String reason, Instant start, Instant since, long latency,
            Map<String, Object> evidence) {
        evidence.put("latencyMs", latency);
        return new ProbeResult(state, reason, start, since, latency, evidence);
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Forgets what was learnt about a target whose settings changed or that was deleted. */
    public void evict(TargetSpec target) {
        regressions.remove(target.id());
        latencies.remove(target.id());
        chains.forget(target.id());
    }
}
