package io.downtime.incident.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.downtime.incident.domain.Quorum.RegionState;
import io.downtime.incident.domain.Quorum.Verdict;

class QuorumTest {

    private static final Instant T = Instant.parse("2021-01-01T00:00:00Z");

    private static RegionState s(String target, String region, TargetState state, long seconds) {
        return new RegionState(target, region, state, state == TargetState.UP ? "ok" : "r-" + region, T.plusSeconds(seconds));
    }

    @Test
    void noStatesIsUp() {
        assertFalse(Quorum.evaluate(List.of(), 0.5).down());
    }

    @Test
    void strictMajorityOfReportingRegions() {
        assertTrue(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0)), 0.5).down());
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.UP, 0)), 0.5)
                .down());
        assertTrue(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.DOWN, 0),
                s("a", "ap", TargetState.UP, 0)), 0.5).down());
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.UP, 0),
                s("a", "ap", TargetState.DEGRADED, 0)), 0.5).down());
    }

    @Test
    void degradedIsNotDown() {
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DEGRADED, 0)), 0.5).down());
    }

    @Test
    void startIsEarliestDownOfDownTargetsOnly() {
        Verdict v = Quorum.evaluate(List.of(
                s("a", "eu", TargetState.DOWN, 50), s("a", "us", TargetState.DOWN, 40), s("a", "ap", TargetState.UP, 0),
                // b: 1 of 2, not down, its earlier DOWN must not count
                s("b", "eu", TargetState.DOWN, 10), s("b", "us", TargetState.UP, 0)), 0.5);
        assertTrue(v.down());
        assertEquals(T.plusSeconds(40), v.start());
        assertEquals("r-us", v.reason());
        assertEquals(1, v.downTargets().size());
        assertEquals(new Quorum.TargetTally("a", 3, 2), v.downTargets().get(0));
    }

    @Test
    void anyDownTargetMakesTheServiceDown() {
        Verdict v = Quorum.evaluate(List.of(s("a", "eu", TargetState.UP, 0), s("b", "eu", TargetState.DOWN, 5)), 0.5);
        assertTrue(v.down());
        assertEquals(T.plusSeconds(5), v.start());
    }

    @Test
    void otherFractions() {
        var oneOfTwo = List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.UP, 0));
        assertTrue(Quorum.evaluate(oneOfTwo, 0.0).down());
        var twoOfThree = List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.DOWN, 0),
                s("a", "ap", TargetState.UP, 0));
        assertFalse(Quorum.evaluate(twoOfThree, 0.7).down());
        assertThrows(IllegalArgumentException.class, () -> Quorum.evaluate(oneOfTwo, 1.0));
    }

    @Test
    void recoveredAtIsWhenTheLastDownTargetFellBackToTheLimit() {
        // a, 3 regions, limit 1: two non-DOWN regions are needed; us (UP since 20) is the second → 20, however the
        // signals arrived (the UP observed at 10 may well have arrived last)
        var a = List.of(s("a", "eu", TargetState.UP, 10), s("a", "us", TargetState.UP, 20),
                s("a", "ap", TargetState.DOWN, 0));
        assertEquals(T.plusSeconds(20), Quorum.recoveredAt(a, List.of("a"), 0.5));
        // all three up: still the second earliest (the third one was not needed)
        var allUp = List.of(s("a", "eu", TargetState.UP, 10), s("a", "us", TargetState.UP, 20),
                s("a", "ap", TargetState.DEGRADED, 30));
        assertEquals(T.plusSeconds(20), Quorum.recoveredAt(allUp, List.of("a"), 0.5));
        // b, one region: its UP; the latest over the targets that were down wins
        var ab = new java.util.ArrayList<>(a);
        ab.add(s("b", "eu", TargetState.UP, 250));
        assertEquals(T.plusSeconds(250), Quorum.recoveredAt(ab, List.of("a", "b"), 0.5));
        // targets that were not down do not count
        assertEquals(T.plusSeconds(20), Quorum.recoveredAt(ab, List.of("a"), 0.5));
        // still down: no recovery
        assertNull(Quorum.recoveredAt(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.DOWN, 0),
                s("a", "ap", TargetState.UP, 5)), List.of("a"), 0.5));
    }

    @Test
    void downSinceIsWhenTheDownCountFirstExceededTheLimit() {
        // 2 of 3 needed: eu since 10, ap since 40 → down since 40 (not 10, when eu alone was down)
        var a = List.of(s("a", "eu", TargetState.DOWN, 10), s("a", "us", TargetState.UP, 50),
                s("a", "ap", TargetState.DOWN, 40));
        assertEquals(T.plusSeconds(40), Quorum.downSince(a, 0.5));
        // the earliest over the down targets
        var ab = new java.util.ArrayList<>(a);
        ab.add(s("b", "eu", TargetState.DOWN, 30));
        assertEquals(T.plusSeconds(30), Quorum.downSince(ab, 0.5));
        assertNull(Quorum.downSince(List.of(s("a", "eu", TargetState.DOWN, 10), s("a", "us", TargetState.UP, 0)), 0.5));
    }

    @Test
    void componentKOfNStartsWhenItFallsBelowMinHealthyAndRecoversWhenBackAtIt() {
        List<Component> rbd = List.of(new Component("rpc", 2, List.of("a", "b", "c")));
        // a down alone: 2 of 3 healthy, enough
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 10), s("b", "eu", TargetState.UP, 0)), 0.5, rbd)
                .down());
        List<RegionState> twoDown = List.of(s("a", "eu", TargetState.DOWN, 10), s("b", "eu", TargetState.DOWN, 20),
                s("c", "eu", TargetState.UP, 0));
        Verdict v = Quorum.evaluate(twoDown, 0.5, rbd);
        assertTrue(v.down());
        assertEquals(T.plusSeconds(20), v.start(), "the second target's first bad probe");
        assertEquals(List.of("a", "b"), v.downTargets().stream().map(Quorum.TargetTally::target).toList());
        assertEquals(T.plusSeconds(20), Quorum.downSince(twoDown, 0.5, rbd));

        // b recovers at 30, a at 50: the component is back at 2 healthy from 30 on
        List<RegionState> recovered = List.of(s("a", "eu", TargetState.UP, 50), s("b", "eu", TargetState.UP, 30),
                s("c", "eu", TargetState.UP, 0));
        assertEquals(T.plusSeconds(30), Quorum.recoveredAt(recovered, List.of("a", "b"), 0.5, rbd));
        // as 1-of-1 components (no configuration) the service recovers only with the last target
        assertEquals(T.plusSeconds(50), Quorum.recoveredAt(recovered, List.of("a", "b"), 0.5, List.of()));
    }

    @Test
    void unlistedTargetsAreTheirOwnComponentAndComponentsAreInSeries() {
        List<Component> rbd = List.of(new Component("rpc", 1, List.of("a", "b")));
        Verdict v = Quorum.evaluate(List.of(s("a", "eu", TargetState.UP, 0), s("x", "eu", TargetState.DOWN, 5)), 0.5, rbd);
        assertTrue(v.down());
        assertEquals(List.of("x"), v.downTargets().stream().map(Quorum.TargetTally::target).toList());
        // a listed target without any state counts as healthy
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0)), 0.5, rbd).down());
        assertTrue(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("b", "eu", TargetState.DOWN, 3)), 0.5, rbd)
                .down());
    }

    /**
     * {@link Quorum#evaluate(java.util.Collection, double, List)} is written for speed (one pass, no sorting; it runs
     * for every signal a batch applies). It must give exactly the verdict of the rule read literally: random services
     * (1–6 targets, 1–4 regions, few distinct times so that starts tie, 0–2 configured components) against
     * {@link #literalEvaluate}, which groups by target, tallies and walks the effective components in order.
     */
    @Test
    void evaluateGivesTheVerdictOfTheLiteralRule() {
        java.util.Random random = new java.util.Random(20261122);
        String[] regions = { "ap", "eu", "us", "sa" };
        TargetState[] stateValues = TargetState.values();
        for (int run = 0; run < 20_000; run++) {
            int targetCount = 1 + random.nextInt(6);
            List<String> targets = java.util.stream.IntStream.range(0, targetCount).mapToObj(i -> "t" + i).toList();
            List<RegionState> states = new java.util.ArrayList<>();
            for (String target : targets) {
                for (String region : regions) {
                    if (random.nextInt(4) > 0) {
                        states.add(s(target, region, stateValues[random.nextInt(stateValues.length)], random.nextInt(4)));
                    }
                }
            }
            java.util.Collections.shuffle(states, random);
            List<Component> components = new java.util.ArrayList<>();
            List<String> free = new java.util.ArrayList<>(targets);
            free.add("never-reported");
            java.util.Collections.shuffle(free, random);
            for (int c = 0; c < random.nextInt(3) && !free.isEmpty(); c++) {
                int size = 1 + random.nextInt(Math.min(3, free.size()));
                List<String> members = List.copyOf(free.subList(0, size));
                free.subList(0, size).clear();
                components.add(new Component("c" + c, 1 + random.nextInt(size), members));
            }
            double fraction = new double[] { 0, 0.34, 0.5, 0.67 }[random.nextInt(4)];
            assertEquals(literalEvaluate(states, fraction, components), Quorum.evaluate(states, fraction, components),
                    "run " + run + ": " + states + " with " + components + ", fraction " + fraction);
        }
    }

    /** The component rule of {@link Quorum#evaluate(java.util.Collection, double, List)}, step by step. */
    private static Verdict literalEvaluate(List<RegionState> states, double fraction, List<Component> components) {
        java.util.Comparator<RegionState> earliestFirst = java.util.Comparator.comparing(RegionState::observedAt)
                .thenComparing(RegionState::region);
        java.util.Map<String, List<RegionState>> byTarget = new java.util.TreeMap<>();
        states.forEach(st -> byTarget.computeIfAbsent(st.target(), t -> new java.util.ArrayList<>()).add(st));
        java.util.Map<String, RegionState> firstDown = new java.util.TreeMap<>();
        java.util.Map<String, Quorum.TargetTally> tallies = new java.util.TreeMap<>();
        byTarget.forEach((target, regions) -> {
            List<RegionState> down = regions.stream().filter(st -> st.state() == TargetState.DOWN).toList();
            if (down.size() > Math.floor(fraction * regions.size())) {
                tallies.put(target, new Quorum.TargetTally(target, regions.size(), down.size()));
                firstDown.put(target, down.stream().min(earliestFirst).orElseThrow());
            }
        });
        RegionState earliest = null;
        List<Quorum.TargetTally> downTargets = new java.util.ArrayList<>();
        for (Component c : Quorum.effective(components, byTarget.keySet())) {
            List<RegionState> downMembers = c.targets().stream().map(firstDown::get).filter(java.util.Objects::nonNull)
                    .sorted(earliestFirst).toList();
            int n = c.targets().size();
            if (n - downMembers.size() >= c.minHealthy()) {
                continue;
            }
            RegionState componentStart = downMembers.get(Math.max(0, n - c.minHealthy()));
            if (earliest == null || componentStart.observedAt().isBefore(earliest.observedAt())) {
                earliest = componentStart;
            }
            downMembers.stream().map(st -> tallies.get(st.target())).filter(t -> !downTargets.contains(t))
                    .forEach(downTargets::add);
        }
        if (earliest == null) {
            return new Verdict(false, null, null, null, List.of());
        }
        downTargets.sort(java.util.Comparator.comparing(Quorum.TargetTally::target));
        return new Verdict(true, earliest.observedAt(), earliest.reason(), earliest, downTargets);
    }
}
