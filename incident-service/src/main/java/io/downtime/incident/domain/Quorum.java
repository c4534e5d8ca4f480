package io.downtime.incident.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pure quorum logic: from the latest state of every (target, region) of one service, decide whether the service is
 * down and since when.
 * <ul>
 * <li>A target is globally DOWN when the regions reporting DOWN are strictly more than {@code fraction} of the
 * regions reporting on it (those with a state). {@code fraction = 0.5} is a strict majority: 1 of 1, 2 of 3,
 * but not 1 of 2.</li>
 * <li>The service is down while any of its targets is globally DOWN.</li>
 * <li>The outage start is the earliest {@code observedAt} among the DOWN region states of the down targets; its
 * reason is that state's reason.</li>
 * </ul>
 * DEGRADED counts as reporting but not as DOWN.
 * <p>
 * Only the latest state per (target, region) is known, so {@link #recoveredAt} and {@link #downSince} reconstruct
 * when a target crossed the quorum limit from the times its regions' current states began.
 */
public final class Quorum {

    private Quorum() {
    }

    /** The latest state of one target from one region. */
    public record RegionState(String target, String region, TargetState state, String reason, Instant observedAt) {
    }

    /** Per-target tally: how many reporting regions, how many of them DOWN. */
    public record TargetTally(String target, int reporting, int down) {
    }

    /**
     * Outcome of an evaluation.
     *
     * @param down whether the service is down
     * @param start earliest {@code observedAt} of the DOWN states of the down targets; null when not down
     * @param reason reason of that earliest state; null when not down
     * @param earliest the region state that defines {@code start}; null when not down
     * @param downTargets tallies of the globally DOWN targets, by target name
     */
    public record Verdict(boolean down, Instant start, String reason, RegionState earliest, List<TargetTally> downTargets) {

        static final Verdict UP = new Verdict(false, null, null, null, List.of());
    }

    /**
     * Evaluates the service.
     *
     * @param states latest state per (target, region) of one service
     * @param fraction share of reporting regions that DOWN reports must strictly exceed, in {@code [0, 1)}
     * @return the verdict; never null
     */
    public static Verdict evaluate(Collection<RegionState> states, double fraction) {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("quorum fraction must be in [0, 1): " + fraction);
        }
        Map<String, List<RegionState>> byTarget = byTarget(states);
        List<TargetTally> downTargets = new ArrayList<>();
        RegionState earliest = null;
        for (var entry : byTarget.entrySet()) {
            List<RegionState> regions = entry.getValue();
            List<RegionState> down = regions.stream().filter(s -> s.state() == TargetState.DOWN).toList();
            if (down.size() > downLimit(regions.size(), fraction)) {
                downTargets.add(new TargetTally(entry.getKey(), regions.size(), down.size()));
                RegionState first = down.stream()
                        .min(Comparator.comparing(RegionState::observedAt).thenComparing(RegionState::region))
                        .orElseThrow();
                if (earliest == null || first.observedAt().isBefore(earliest.observedAt())) {
                    earliest = first;
                }
            }
        }
        if (earliest == null) {
            return Verdict.UP;
        }
        return new Verdict(true, earliest.observedAt(), earliest.reason(), earliest, List.copyOf(downTargets));
    }

    /**
     * The largest number of DOWN regions that still leaves a target with {@code reporting} regions not DOWN.
     *
     * @param reporting regions reporting on the target, ≥ 1
     * @param fraction as in {@link #evaluate}
     * @return {@code floor(fraction × reporting)}, in {@code [0, reporting)}
     */
    static int downLimit(int reporting, double fraction) {
        return (int) Math.floor(fraction * reporting);
    }

    /**
     * When the service recovered: per target of {@code targets}, the time its DOWN count fell to the quorum limit,
     * the latest of those. A region's current non-DOWN state began at its {@code observedAt}; before that the region
     * is assumed to have been DOWN (the conservative reading), so a target with {@code n} reporting regions and limit
     * {@code l} (see {@link #downLimit}) recovered at the {@code (n − l)}-th earliest {@code observedAt} of its
     * non-DOWN regions. Targets that are DOWN now or have no states are skipped.
     *
     * @param states latest state per (target, region) of one service
     * @param targets the targets that were globally DOWN during the outage
     * @param fraction as in {@link #evaluate}
     * @return the latest recovery time among {@code targets}; null when none of them has recovered
     */
    public static Instant recoveredAt(Collection<RegionState> states, Collection<String> targets, double fraction) {
        Instant latest = null;
        for (var entry : byTarget(states).entrySet()) {
            if (!targets.contains(entry.getKey())) {
                continue;
            }
            List<RegionState> regions = entry.getValue();
            int needed = regions.size() - downLimit(regions.size(), fraction);
            List<Instant> upSince = regions.stream().filter(s -> s.state() != TargetState.DOWN)
                    .map(RegionState::observedAt).sorted().toList();
            if (upSince.size() < needed) {
                continue;
            }
            Instant recovered = upSince.get(needed - 1);
            if (latest == null || recovered.isAfter(latest)) {
                latest = recovered;
            }
        }
        return latest;
    }

    /**
     * Since when the service has been down without a break, at the least: per globally DOWN target, the time its
     * DOWN count first exceeded the quorum limit counting only its regions that are DOWN now (each since its
     * {@code observedAt}), i.e. the {@code (l + 1)}-th earliest {@code observedAt} of its DOWN regions; the earliest
     * of those.
     *
     * @param states latest state per (target, region) of one service
     * @param fraction as in {@link #evaluate}
     * @return that time; null when the service is not down
     */
    public static Instant downSince(Collection<RegionState> states, double fraction) {
        Instant earliest = null;
        for (List<RegionState> regions : byTarget(states).values()) {
            int limit = downLimit(regions.size(), fraction);
            List<Instant> downSince = regions.stream().filter(s -> s.state() == TargetState.DOWN)
                    .map(RegionState::observedAt).sorted().toList();
            if (downSince.size() <= limit) {
                continue;
            }
            Instant since = downSince.get(limit);
            if (earliest == null || since.isBefore(earliest)) {
                earliest = since;
            }
        }
        return earliest;
    }

    private static Map<String, List<RegionState>> byTarget(Collection<RegionState> states) {
        return states.stream().collect(Collectors.groupingBy(RegionState::target, TreeMap::new, Collectors.toList()));
    }
}
