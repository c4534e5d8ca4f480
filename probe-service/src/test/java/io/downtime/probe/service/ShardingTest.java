package io.downtime.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ShardingTest {

    private static final List<String> TARGETS = IntStream.range(0, 3000).mapToObj(i -> "target-" + i).toList();

    @Test
    void everyTargetIsOwnedByExactlyOneReplica() {
        for (int count : new int[] { 1, 2, 3, 5 }) {
            List<Sharding> replicas = IntStream.range(0, count).mapToObj(i -> new Sharding(count, i)).toList();
            for (String target : TARGETS) {
                assertEquals(1, replicas.stream().filter(r -> r.owns(target)).count(), target + " with " + count);
            }
        }
    }

    @Test
    void targetsSpreadEvenly() {
        int count = 4;
        int[] load = new int[count];
        TARGETS.forEach(t -> load[Sharding.owner(t, count)]++);
        for (int l : load) {
            // 750 expected per replica; a bad hash (e.g. all in one bucket) is far outside ±15 %
            assertTrue(l > 637 && l < 863, "load " + l);
        }
    }

    @Test
    void scalingOutMovesOnlyTheTargetsTheNewReplicaTakes() {
        long moved = TARGETS.stream().filter(t -> Sharding.owner(t, 3) != Sharding.owner(t, 4)).count();
        assertTrue(TARGETS.stream().filter(t -> Sharding.owner(t, 3) != Sharding.owner(t, 4))
                .allMatch(t -> Sharding.owner(t, 4) == 3), "a moved target goes to the new replica");
        // consistent hashing moves about 1/4 of the targets; modulo hashing would move about 3/4
        assertTrue(moved > 600 && moved < 900, "moved " + moved);
    }

    @Test
    void theOrdinalComesFromTheStatefulSetPodName() {
        assertEquals(2, Sharding.ordinalFromHostname("probe-service-2"));
        assertEquals(0, Sharding.ordinalFromHostname("laptop"));
        assertEquals(0, Sharding.ordinalFromHostname(null));
        assertEquals(11, Sharding.ordinalFromHostname("downtime-probe-11"));
    }

    @Test
    void anOrdinalOutsideTheCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sharding(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Sharding(0, 0));
    }
}
