package io.downtime.probe.probe;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSyncing;
import org.web3j.protocol.http.HttpService;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import okhttp3.OkHttpClient;

/**
 * Probes an EVM JSON-RPC node through web3j: {@code eth_chainId} must equal the configured chain id,
 * {@code eth_syncing} must be false, and the head age (probe start − timestamp of
 * {@code eth_getBlockByNumber("latest")}, in seconds) must not exceed {@code maxHeadAgeSeconds}.
 *
 * <p>
 * Reasons: {@code chain_id_mismatch}, {@code syncing}, {@code head_stale}, {@code rpc_error} (a JSON-RPC error
 * object), plus the transport reasons of {@link Failures}. For {@code head_stale} the bad condition began when
 * the chain stopped, which the chain itself records: {@code since} = last block timestamp + block time
 * (configured, or the latest block's timestamp minus its parent's). Symmetrically, an up result is dated at its
 * head block's timestamp, so a recovery is dated when the first new block was made.
 *
 * <p>
 * web3j's HTTP transport is blocking (OkHttp), so each probe runs on the bounded Quarkus worker pool, never on
 * an event loop; the {@code Uni} is cut off after {@code timeoutMs}.
 */
@ApplicationScoped
public class EvmNodeProber implements Prober {

    private final OkHttpClient http = new OkHttpClient.Builder().build();
    private final ConcurrentMap<String, Web3j> clients = new ConcurrentHashMap<>();

    @Override
    public TargetKind kind() {
        return TargetKind.EVM_NODE;
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        return Uni.createFrom().item(() -> check(target, start, t0))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(Duration.ofMillis(target.timeoutMs())).fail()
                .onFailure().recoverWithItem(e -> ProbeResult.down(Failures.reason(e), start, millisSince(t0),
                        Map.of("error", Failures.describe(e))));
    }

    private ProbeResult check(TargetSpec target, Instant start, long t0) {
        Web3j web3j = client(target);
        Map<String, Object> evidence = new LinkedHashMap<>();
        try {
            BigInteger chainId = result(web3j.ethChainId().send()).getChainId();
            evidence.put("chainId", chainId);
            if (target.evmChainId() != null && !BigInteger.valueOf(target.evmChainId()).equals(chainId)) {
                evidence.put("expectedChainId", target.evmChainId());
                return finish(ProbeState.DOWN, "chain_id_mismatch", start, start, t0, evidence);
            }
            EthSyncing syncing = result(web3j.ethSyncing().send());
            if (syncing.isSyncing()) {
                if (syncing.getResult() instanceof EthSyncing.Syncing s) {
                    evidence.put("currentBlock", s.getCurrentBlock());
                    evidence.put("highestBlock", s.getHighestBlock());
                }
                return finish(ProbeState.DOWN, "syncing", start, start, t0, evidence);
            }
            EthBlock.Block head = result(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
                    .getBlock();
            if (head == null) {
                evidence.put("error", "eth_getBlockByNumber(latest) returned null");
                return finish(ProbeState.DOWN, "rpc_error", start, start, t0, evidence);
            }
            Instant blockTime = Instant.ofEpochSecond(head.getTimestamp().longValueExact());
            double headAgeSeconds = Duration.between(blockTime, start).toMillis() / 1000.0;
            evidence.put("blockNumber", head.getNumber());
            evidence.put("blockHash", head.getHash());
            evidence.put("blockTimestamp", blockTime.toString());
            evidence.put("headAgeSeconds", headAgeSeconds);
            Integer maxAge = target.evmMaxHeadAgeSeconds();
            if (maxAge != null && headAgeSeconds > maxAge) {
                long blockSeconds = blockSeconds(web3j, target, head);
                evidence.put("blockTimeSeconds", blockSeconds);
                Instant stoppedAt = blockTime.plusSeconds(blockSeconds);
                return finish(ProbeState.DOWN, "head_stale", start, stoppedAt, t0, evidence);
            }
            return finish(ProbeState.UP, "ok", start, blockTime, t0, evidence);
        } catch (RpcErrorException e) {
            evidence.put("error", e.getMessage());
            return finish(ProbeState.DOWN, "rpc_error", start, start, t0, evidence);
        } catch (IOException e) {
            evidence.put("error", Failures.describe(e));
            return finish(ProbeState.DOWN, Failures.reason(e), start, start, t0, evidence);
        }
    }

    /** The configured block time, else the latest block's timestamp minus its parent's (0 for the genesis block). */
    private static long blockSeconds(Web3j web3j, TargetSpec target, EthBlock.Block head) throws IOException {
        if (target.evmExpectedBlockSeconds() != null) {
            return target.evmExpectedBlockSeconds();
        }
        if (head.getNumber().signum() == 0) {
            return 0;
        }
        EthBlock.Block parent = result(web3j.ethGetBlockByHash(head.getParentHash(), false).send()).getBlock();
        return parent == null ? 0 : Math.max(0, head.getTimestamp().subtract(parent.getTimestamp()).longValue());
    }

    private static ProbeResult finish(ProbeState state, String reason, Instant start, Instant since, long t0,
            Map<String, Object> evidence) {
        long latency = millisSince(t0);
        evidence.put("latencyMs", latency);
        return new ProbeResult(state, reason, start, since, latency, evidence);
    }

    private static <T extends Response<?>> T result(T response) {
        if (response.hasError()) {
            String message = Failures.clean(String.valueOf(response.getError().getMessage()));
            throw new RpcErrorException(response.getError().getCode() + " "
                    + (message.length() > 300 ? message.substring(0, 300) : message));
        }
        return response;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private Web3j client(TargetSpec target) {
        return clients.computeIfAbsent(target.url() + '|' + target.timeoutMs(), k -> {
            OkHttpClient client = http.newBuilder()
                    .callTimeout(Duration.ofMillis(target.timeoutMs()))
                    .connectTimeout(Duration.ofMillis(target.timeoutMs()))
                    .build();
            return Web3j.build(new HttpService(target.url(), client));
        });
    }

    /** Forgets the cached client of a target whose URL or timeout changed or that was deleted. */
    public void evict(TargetSpec target) {
        Web3j removed = clients.remove(target.url() + '|' + target.timeoutMs());
        if (removed != null) {
            removed.shutdown();
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(Web3j::shutdown);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** A JSON-RPC error object in a response: the node answered, but not with a result. */
    static final class RpcErrorException extends RuntimeException {
        RpcErrorException(String message) {
            super(message);
        }
    }
}
