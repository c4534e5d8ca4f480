package io.downtime.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class IntervalsTest {

    static Intervals of(long... bounds) {
        Intervals.Builder builder = new Intervals.Builder();
        for (int i = 0; i < bounds.length; i += 2) {
            builder.add(bounds[i], bounds[i + 1]);
        }
        return builder.build();
    }

    static String show(Intervals set) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < set.size(); i++) {
            out.append('[').append(set.start(i)).append(',').append(set.end(i)).append(')');
        }
        return out.toString();
    }

    @Test
    void unionMergesOverlappingNestedAdjoiningAndIdentical() {
        Intervals set = of(30, 40, 5, 15, 0, 10, 15, 20, 6, 7, 30, 40);
        assertEquals("[0,20)[30,40)", show(set));
        assertEquals(30, set.total());
    }

    @Test
    void emptyIntervalsAreIgnored() {
        assertEquals("", show(of(5, 5, 7, 3)));
        assertEquals(0, of().measure(0, 100));
    }

    @Test
    void measureIsTheLengthOfTheIntersection() {
        Intervals set = of(0, 20, 30, 40);
        assertEquals(15, set.measure(10, 35));
        assertEquals(0, set.measure(-5, 0));
        assertEquals(0, set.measure(20, 30));
        assertEquals(5, set.measure(35, 100));
        assertEquals(30, set.measure(-1000, 1000));
        assertEquals(1, set.measure(19, 21));
        assertEquals(0, set.measure(10, 10));
        assertEquals(0, set.measure(12, 10));
    }

    @Test
    void minusRemovesThePointsOfTheOther() {
        Intervals set = of(0, 20, 30, 40);
        assertEquals("[0,5)[8,18)[32,39)", show(set.minus(of(5, 8, 18, 32, 39, 50))));
        assertEquals("", show(set.minus(of(-10, 100))));
        assertEquals("[0,20)[30,40)", show(set.minus(of(20, 30))));
        assertEquals("[0,1)[2,3)[4,20)[30,40)", show(set.minus(of(1, 2, 3, 4))));
    }

    @Test
    void agreesWithCountingEveryUnitOnRandomSets() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            boolean[] a = new boolean[200];
            boolean[] b = new boolean[200];
            Intervals.Builder ba = new Intervals.Builder();
            Intervals.Builder bb = new Intervals.Builder();
            for (int k = random.nextInt(8); k > 0; k--) {
                int s = random.nextInt(190);
                int e = s + 1 + random.nextInt(30);
                ba.add(s, Math.min(e, 200));
                for (int x = s; x < Math.min(e, 200); x++) {
                    a[x] = true;
                }
            }
            for (int k = random.nextInt(8); k > 0; k--) {
                int s = random.nextInt(190);
                int e = s + 1 + random.nextInt(30);
                bb.add(s, Math.min(e, 200));
                for (int x = s; x < Math.min(e, 200); x++) {
                    b[x] = true;
                }
            }
            Intervals sa = ba.build();
            Intervals sb = bb.build();
            int from = random.nextInt(200);
            int to = from + random.nextInt(200 - from + 1);
            long union = 0;
            long minus = 0;
            long measured = 0;
            for (int x = 0; x < 200; x++) {
                union += a[x] || b[x] ? 1 : 0;
                minus += a[x] && !b[x] ? 1 : 0;
                measured += a[x] && x >= from && x < to ? 1 : 0;
            }
            assertEquals(union, sa.union(sb).total(), "union, round " + round);
            assertEquals(minus, sa.minus(sb).total(), "minus, round " + round);
            assertEquals(measured, sa.measure(from, to), "measure, round " + round);
        }
    }
}
