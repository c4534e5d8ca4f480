package io.downtime.probe.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.probe.anomaly.AdaptiveStaleness;
import io.downtime.probe.config.ProbeConfig;

/**
 * What this instance knows about each EVM chain (by chain id): the latest head each of its targets reported, the
 * best heads other regions reported (heartbeat responses), and the chain's learnt block interval. It answers the
 * questions a single probe cannot: how far behind the best head a node is ({@code block_lag}), and whether a stale
 * node is the node's fault or the chain's ({@code chain_halted}).
 *
 * <p>
 * Heads older than {@code downtime.probe.evm.head-ttl} (default 60 s) are ignored. Thread-safe.
 */
@ApplicationScoped
public class ChainView {

    /**
     * One head as seen by a probe of this instance.
     *
     * @param targetId the target that saw it
     * @param number block number
     * @param blockTimestamp the block's timestamp
     * @param seenAt probe time
     * @param stale whether the probe found the head older than the target's head-age limit
     */
    public record LocalHead(long targetId, long number, Instant blockTimestamp, Instant seenAt, boolean stale) {
    }

    /**
     * The best head of a chain reported by another region (heartbeat response).
     *
     * @param number block number
     * @param region the region that saw it
     * @param seenAt when that region saw it
     * @param receivedAt when this instance learnt it
     */
    public record RemoteHead(long number, String region, Instant seenAt, Instant receivedAt) {
    }

    /**
     * The best head known for a chain id, and where it comes from.
     *
     * @param number block number
     * @param source {@code target:<id>}, {@code region:<name>} or {@code reference}
     */
    public record BestHead(long number, String source) {
    }

    private final ConcurrentMap<Long, ConcurrentMap<Long, LocalHead>> local = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, RemoteHead> remote = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, AdaptiveStaleness> staleness = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final ProbeConfig.Evm evm;

    public ChainView(ProbeConfig config) {
        this.evm = config.probe().evm();
        this.ttl = evm.headTtl();
    }

    /** Records the head a probe of {@code targetId} saw on {@code chainId}. */
    public void record(long chainId, LocalHead head) {
        local.computeIfAbsent(chainId, k -> new ConcurrentHashMap<>()).put(head.targetId(), head);
        staleness(chainId).observe(head.targetId(), head.number(), head.blockTimestamp().getEpochSecond());
    }

    /** Forgets a target (deleted, or moved to another chain id). */
    public void forget(long targetId) {
        local.values().forEach(m -> m.remove(targetId));
        staleness.values().forEach(s -> s.forget(targetId));
    }

    /** The chain's learnt head-age limit (see {@link AdaptiveStaleness}). */
    public AdaptiveStaleness staleness(long chainId) {
        return staleness.computeIfAbsent(chainId, k -> new AdaptiveStaleness(evm.intervalWindow(), evm.staleFactor(),
                evm.staleFloor().toMillis() / 1000.0, evm.staleCeiling().toMillis() / 1000.0));
    }

    /** Replaces the other regions' best heads with those of a heartbeat response (chain id → head). */
    public void acceptRemote(Map<Long, RemoteHead> heads) {
        heads.forEach(remote::put);
    }

    /**
     * The highest head of {@code chainId} seen recently by another target of this instance or by another region,
     * if any ({@code excludeTargetId}'s own head left out).
     */
    public Optional<BestHead> best(long chainId, long excludeTargetId, Instant now) {
        BestHead best = null;
        for (LocalHead h : fresh(chainId, now).values()) {
            if (h.targetId() != excludeTargetId && (best == null || h.number() > best.number())) {
                best = new BestHead(h.number(), "target:" + h.targetId());
            }
        }
        RemoteHead r = remote.get(chainId);
        if (r != null && !r.receivedAt().plus(ttl).isBefore(now) && (best == null || r.number() > best.number())) {
            best = new BestHead(r.number(), "region:" + r.region());
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether the chain (not a node) looks halted: at least two targets of {@code chainId} reported recently, every
     * one of them found its head stale, and no other region has reported a higher head than their best — the
     * criterion for reason {@code chain_halted}.
     *
     * @return the best (highest) stale head, when halted
     */
    public Optional<LocalHead> halted(long chainId, Instant now) {
        Map<Long, LocalHead> heads = fresh(chainId, now);
        if (heads.size() < 2 || heads.values().stream().anyMatch(h -> !h.stale())) {
            return Optional.empty();
        }
        LocalHead top = heads.values().stream().max(Comparator.comparingLong(LocalHead::number)).orElseThrow();
        RemoteHead r = remote.get(chainId);
        if (r != null && !r.receivedAt().plus(ttl).isBefore(now) && r.number() > top.number()) {
            return Optional.empty();
        }
        return Optional.of(top);
    }

    /** Per chain id, the highest head seen recently by this instance's targets (for heartbeats). */
    public Map<Long, LocalHead> bestLocalHeads(Instant now) {
        Map<Long, LocalHead> out = new TreeMap<>();
        local.forEach((chainId, heads) -> heads.values().stream()
                .filter(h -> !h.seenAt().plus(ttl).isBefore(now))
                .max(Comparator.comparingLong(LocalHead::number))
                .ifPresent(h -> out.put(chainId, h)));
        return out;
    }

    private Map<Long, LocalHead> fresh(long chainId, Instant now) {
        Map<Long, LocalHead> heads = local.get(chainId);
        if (heads == null) {
            return Map.of();
        }
        Map<Long, LocalHead> out = new TreeMap<>();
        heads.forEach((id, h) -> {
            if (!h.seenAt().plus(ttl).isBefore(now)) {
                out.put(id, h);
            }
        });
        return out;
    }
}
