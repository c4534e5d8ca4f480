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
        Map<String, List<RegionState>> byTarget = states.stream()
                .collect(Collectors.groupingBy(RegionState::target, TreeMap::new, Collectors.toList()));
        List<TargetTally> downTargets = new ArrayList<>();
        RegionState earliest = null;
        for (var entry : byTarget.entrySet()) {
            List<RegionState> regions = entry.getValue();
            List<RegionState> down = regions.stream().filter(s -> s.state() == TargetState.DOWN).toList();
            if (down.size() > fraction * regions.size()) {
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
}
