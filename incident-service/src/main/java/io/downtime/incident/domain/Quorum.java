package io.downtime.incident.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Evaluates the service as a reliability block diagram: each target's global state by region quorum (as in
     * {@link #evaluate(Collection, double)}), then each component: down while fewer than {@code minHealthy} of its
     * targets are not globally DOWN (a target without states counts as healthy: no data is not an outage). Targets of
     * {@code states} listed in no component are their own 1-of-1 component ({@link Component#implicit}). The service
     * is down while any component is.
     * <p>
     * Start: a component with n targets and k = {@code minHealthy} went down when its (n − k + 1)-th target did, each
     * target at the earliest {@code observedAt} of its DOWN regions; the service start is the earliest start of its
     * down components (for 1-of-1 components this is the foundation's rule). {@code downTargets} lists the DOWN
     * targets of the down components only.
     *
     * @param states latest state per (target, region) of one service, from regions that are alive
     * @param fraction as in {@link #evaluate(Collection, double)}
     * @param components configured components (may be empty)
     */
    public static Verdict evaluate(Collection<RegionState> states, double fraction, List<Component> components) {
        checkFraction(fraction);
        // one pass and no sorting of targets: a signal batch evaluates its service once per signal it applies (issue 7)
        Map<String, Tally> byTarget = new HashMap<>();
        for (RegionState s : states) {
            Tally tally = byTarget.get(s.target());
            if (tally == null) {
                tally = new Tally();
                byTarget.put(s.target(), tally);
            }
            tally.add(s);
        }
        RegionState earliest = null;
        Map<String, TargetTally> downTargets = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        for (Component c : components) {
            listed.addAll(c.targets());
            List<RegionState> downMembers = new ArrayList<>();
            for (String target : c.targets()) {
                Tally tally = byTarget.get(target);
                if (tally != null && tally.down(fraction)) {
                    downMembers.add(tally.firstDown);
                }
            }
            int n = c.targets().size();
            if (n - downMembers.size() >= c.minHealthy()) {
                continue;
            }
            downMembers.sort(EARLIEST);
            RegionState componentStart = downMembers.get(Math.max(0, n - c.minHealthy()));
            if (earliest == null || componentStart.observedAt().isBefore(earliest.observedAt())) {
                earliest = componentStart;
            }
            downMembers.forEach(s -> downTargets.computeIfAbsent(s.target(), t -> byTarget.get(t).of(t)));
        }
        // then the implicit 1-of-1 components, in target name order (see effective): down with their target, since its
        // earliest DOWN state; of equal starts the first in that order counts, i.e. the least target name
        RegionState implicitEarliest = null;
        for (var entry : byTarget.entrySet()) {
            Tally tally = entry.getValue();
            if (listed.contains(entry.getKey()) || !tally.down(fraction)) {
                continue;
            }
            downTargets.put(entry.getKey(), tally.of(entry.getKey()));
            RegionState first = tally.firstDown;
            if (implicitEarliest == null || first.observedAt().isBefore(implicitEarliest.observedAt())
                    || first.observedAt().equals(implicitEarliest.observedAt())
                            && first.target().compareTo(implicitEarliest.target()) < 0) {
                implicitEarliest = first;
            }
        }
        if (implicitEarliest != null && (earliest == null || implicitEarliest.observedAt().isBefore(earliest.observedAt()))) {
            earliest = implicitEarliest;
        }
        if (earliest == null) {
            return Verdict.UP;
        }
        return new Verdict(true, earliest.observedAt(), earliest.reason(), earliest, List.copyOf(downTargets.values()));
    }

    /** The order of one target's DOWN states: earliest {@code observedAt} first, then by region. */
    private static final Comparator<RegionState> EARLIEST = Comparator.comparing(RegionState::observedAt)
            .thenComparing(RegionState::region);

    /** One target's regions while {@link #evaluate(Collection, double, List)} reads them. */
    private static final class Tally {
        int reporting;
        int down;
        /** The earliest DOWN state ({@link #EARLIEST}); null when none. */
        RegionState firstDown;

        void add(RegionState s) {
            reporting++;
            if (s.state() == TargetState.DOWN) {
                down++;
                if (firstDown == null || EARLIEST.compare(s, firstDown) < 0) {
                    firstDown = s;
                }
            }
        }

        /** @return whether the target is globally DOWN (see {@link #downLimit}) */
        boolean down(double fraction) {
            return down > downLimit(reporting, fraction);
        }

        TargetTally of(String target) {
            return new TargetTally(target, reporting, down);
        }
    }

    /**
     * Component-aware {@link #recoveredAt(Collection, Collection, double)}: per component holding a target of
     * {@code targets}, with n targets, k = {@code minHealthy} and c targets DOWN now, the component recovered when
     * the (n − k − c + 1)-th latest of its recovered targets' recovery times passed (from then on at most n − k were
     * DOWN); the latest of those. Components still down are skipped.
     *
     * @return the recovery time; null when no component of {@code targets} has recovered
     */
    public static Instant recoveredAt(Collection<RegionState> states, Collection<String> targets, double fraction,
            List<Component> components) {
        Map<String, List<RegionState>> byTarget = byTarget(states);
        Instant latest = null;
        for (Component c : effective(components, union(byTarget.keySet(), targets))) {
            if (c.targets().stream().noneMatch(targets::contains)) {
                continue;
            }
            int downNow = 0;
            List<Instant> recovered = new ArrayList<>();
            for (String target : c.targets()) {
                List<RegionState> regions = byTarget.getOrDefault(target, List.of());
                if (regions.isEmpty()) {
                    continue;
                }
                int limit = downLimit(regions.size(), fraction);
                long down = regions.stream().filter(s -> s.state() == TargetState.DOWN).count();
                if (down > limit) {
                    downNow++;
                } else if (targets.contains(target)) {
                    Instant r = recoveredAt(regions, regions.size() - limit);
                    if (r != null) {
                        recovered.add(r);
                    }
                }
            }
            int slack = c.targets().size() - c.minHealthy() - downNow;
            if (slack < 0 || recovered.isEmpty()) {
                continue;
            }
            recovered.sort(Comparator.reverseOrder());
            Instant r = recovered.get(Math.min(slack, recovered.size() - 1));
            if (latest == null || r.isAfter(latest)) {
                latest = r;
            }
        }
        return latest;
    }

    /**
     * Component-aware {@link #downSince(Collection, double)}: per down component (n targets, k =
     * {@code minHealthy}), the (n − k + 1)-th earliest of its DOWN targets' down-since times; the earliest of those.
     *
     * @return that time; null when the service is not down
     */
    public static Instant downSince(Collection<RegionState> states, double fraction, List<Component> components) {
        Map<String, List<RegionState>> byTarget = byTarget(states);
        Map<String, Instant> since = new TreeMap<>();
        for (var entry : byTarget.entrySet()) {
            Instant s = downSince(entry.getValue(), fraction);
            if (s != null) {
                since.put(entry.getKey(), s);
            }
        }
        Instant earliest = null;
        for (Component c : effective(components, byTarget.keySet())) {
            List<Instant> down = c.targets().stream().map(since::get).filter(java.util.Objects::nonNull).sorted()
                    .toList();
            int n = c.targets().size();
            if (n - down.size() >= c.minHealthy()) {
                continue;
            }
            Instant s = down.get(Math.max(0, n - c.minHealthy()));
            if (earliest == null || s.isBefore(earliest)) {
                earliest = s;
            }
        }
        return earliest;
    }

    /** Configured components plus an implicit 1-of-1 component per target of {@code targets} listed in none. */
    public static List<Component> effective(List<Component> components, Collection<String> targets) {
        List<Component> all = new ArrayList<>(components);
        java.util.Set<String> listed = components.stream().flatMap(c -> c.targets().stream())
                .collect(Collectors.toSet());
        new java.util.TreeSet<>(targets).stream().filter(t -> !listed.contains(t)).map(Component::implicit)
                .forEach(all::add);
        return all;
    }

    private static java.util.Set<String> union(Collection<String> a, Collection<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** (needed)-th earliest {@code observedAt} of the non-DOWN regions of one target; null when too few. */
    private static Instant recoveredAt(List<RegionState> regions, int needed) {
        List<Instant> upSince = regions.stream().filter(s -> s.state() != TargetState.DOWN)
                .map(RegionState::observedAt).sorted().toList();
        return upSince.size() < needed ? null : upSince.get(needed - 1);
    }

    /** Down-since of one target: the (l + 1)-th earliest {@code observedAt} of its DOWN regions; null when not down. */
    private static Instant downSince(List<RegionState> regions, double fraction) {
        int limit = downLimit(regions.size(), fraction);
        List<Instant> downSince = regions.stream().filter(s -> s.state() == TargetState.DOWN)
                .map(RegionState::observedAt).sorted().toList();
        return downSince.size() <= limit ? null : downSince.get(limit);
    }

    private static void checkFraction(double fraction) {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("quorum fraction must be in [0, 1): " + fraction);
        }
    }

    private static Map<String, List<RegionState>> byTarget(Collection<RegionState> states) {
        return states.stream().collect(Collectors.groupingBy(RegionState::target, TreeMap::new, Collectors.toList()));
    }
}
