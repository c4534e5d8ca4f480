package io.downtime.probe.anomaly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyBaselineTest {

    private static LatencyBaseline baseline() {
        return new LatencyBaseline(64, 0.3, 4, 20, 5, 100);
    }

    @Test
    void nothingIsAnomalousDuringWarmUp() {
        LatencyBaseline b = baseline();
        for (int i = 0; i < 19; i++) {
            assertFalse(b.observe(i == 18 ? 5000 : 10).anomalous());
        }
    }

    @Test
    void oneSlowProbeIsNotAnAnomalyButASustainedRiseIs() {
        LatencyBaseline b = baseline();
        for (int i = 0; i < 40; i++) {
            assertFalse(b.observe(10 + (i % 3)).anomalous());
        }
        assertFalse(b.observe(300).anomalous(), "one spike is smoothed by the EWMA");
        boolean flagged = false;
        for (int i = 0; i < 6 && !flagged; i++) {
            flagged = b.observe(800).anomalous();
        }
        assertTrue(flagged, "a sustained rise to 800 ms from 10 ms is flagged within a few probes");
    }

    @Test
    void aRiseBelowTheMinimumDeltaIsNotAnomalousEvenOnAFlatBaseline() {
        LatencyBaseline b = baseline();
        for (int i = 0; i < 30; i++) {
            b.observe(10);
        }
        for (int i = 0; i < 10; i++) {
            assertFalse(b.observe(90).anomalous(), "80 ms above a flat 10 ms baseline is below minDeltaMs 100");
        }
    }

    @Test
    void aNoisyBaselineNeedsALargerRise() {
        LatencyBaseline b = baseline();
        for (int i = 0; i < 60; i++) {
            b.observe(i % 2 == 0 ? 50 : 250); // median 150, MAD 100: threshold 150 + 4 × 148 ms
        }
        for (int i = 0; i < 3; i++) {
            assertFalse(b.observe(500).anomalous());
        }
    }
}
