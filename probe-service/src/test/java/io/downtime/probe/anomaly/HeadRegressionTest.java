package io.downtime.probe.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeadRegressionTest {

    @Test
    void aHeadBelowARecentHeadIsRegressedUntilTheWindowForgetsIt() {
        HeadRegression r = new HeadRegression(3);
        assertEquals(-1, r.observe(100));
        assertEquals(-1, r.observe(101));
        assertEquals(-1, r.observe(101), "a repeated head is not a regression");
        assertEquals(101, r.observe(95));
        assertEquals(101, r.observe(96), "still below a head of the last 3 probes");
        assertEquals(101, r.observe(97));
        assertEquals(-1, r.observe(98), "101 left the window: a lower chain is accepted");
    }
}
