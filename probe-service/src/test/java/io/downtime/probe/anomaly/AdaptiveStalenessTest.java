package io.downtime.probe.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdaptiveStalenessTest {

    @Test
    void beforeAnyIntervalTheLimitIsTheCeiling() {
        AdaptiveStaleness s = new AdaptiveStaleness(8, 5, 3, 300);
        assertEquals(300.0, s.limitSeconds());
        s.observe(1, 10, 1000);
        assertEquals(300.0, s.limitSeconds(), "one head gives no interval");
        assertTrue(Double.isNaN(s.medianIntervalSeconds()));
    }

    @Test
    void aOneSecondChainIsStaleWithinSecondsAndATwelveSecondChainWithinAMinute() {
        AdaptiveStaleness fast = new AdaptiveStaleness(8, 5, 3, 300);
        AdaptiveStaleness slow = new AdaptiveStaleness(8, 5, 3, 300);
        for (int i = 0; i < 10; i++) {
            fast.observe(1, 100 + i, 5000 + i);
            slow.observe(1, 100 + i, 5000 + 12L * i);
        }
        assertEquals(5.0, fast.limitSeconds());
        assertEquals(60.0, slow.limitSeconds());
        assertEquals(12.0, slow.medianIntervalSeconds());
    }

    @Test
    void intervalsAreMeasuredPerBlockAcrossSkippedHeadsAndOneSlowBlockDoesNotMoveTheMedian() {
        AdaptiveStaleness s = new AdaptiveStaleness(8, 5, 3, 300);
        s.observe(1, 100, 1000);
        s.observe(1, 104, 1008); // 4 blocks in 8 s: 2 s per block
        s.observe(1, 105, 1010);
        s.observe(1, 106, 1040); // one 30 s block
        s.observe(1, 107, 1042);
        assertEquals(2.0, s.medianIntervalSeconds());
    }

    @Test
    void nodesAtDifferentHeightsAreNotPairedUp() {
        AdaptiveStaleness s = new AdaptiveStaleness(8, 5, 3, 300);
        for (int i = 0; i < 5; i++) {
            s.observe(1, 100 + i, 1000 + 12L * i);
            s.observe(2, 500 + i, 1000 + 12L * i + 7); // another chain's node, 400 blocks ahead
        }
        assertEquals(12.0, s.medianIntervalSeconds());
    }

    @Test
    void theLimitIsClampedToFloorAndCeilingAndRepeatedOrOlderHeadsAreIgnored() {
        AdaptiveStaleness s = new AdaptiveStaleness(8, 5, 3, 30);
        s.observe(1, 1, 100);
        s.observe(1, 2, 100); // same-second blocks: 0 s interval
        s.observe(1, 2, 100);
        s.observe(1, 1, 50);
        assertEquals(3.0, s.limitSeconds(), "floor");
        AdaptiveStaleness slow = new AdaptiveStaleness(8, 5, 3, 30);
        slow.observe(1, 1, 0);
        slow.observe(1, 2, 60);
        assertEquals(30.0, slow.limitSeconds(), "ceiling");
    }
}
