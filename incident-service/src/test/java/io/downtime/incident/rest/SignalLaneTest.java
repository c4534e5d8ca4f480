package io.downtime.incident.rest;

import static io.downtime.incident.rest.SignalSequences.assertSameAsAlone;
import static io.downtime.incident.rest.SignalSequences.randomSequence;
import static io.downtime.incident.rest.Signals.unique;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.downtime.incident.domain.Signal;
import io.downtime.incident.service.SignalIngest;
import io.downtime.incident.service.SignalOutcome;
import io.downtime.incident.service.SignalService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The lanes of {@link SignalService}: while the rest of a batch (the services whose outage changes) is stored, later
 * batches go on without those services and hold their signals; every service's signals must still be stored as one
 * transaction per signal in arrival order stores them.
 */
@QuarkusTest
@TestProfile(SignalLaneTest.SmallBatches.class)
class SignalLaneTest {

    /** Batches of at most 8 signals, so that a sequence makes many batches and rests. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downtime.incident.signal-batch.max-size", "8");
        }
    }

    @Inject
    SignalService service;

    @Inject
    SignalIngest ingest;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Test
    void servicesHeldForTheirRestKeepArrivalOrder() throws Exception {
        String[] names = new String[6];
        Map<String, String> alone = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = unique("lane" + i);
            alone.put(names[i], unique("alone" + i));
        }
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        List<Signal> sequence = randomSequence(names, regions, 5, 600);
        double heldBefore = held();

        // all at once, as concurrent requests would: they queue in their lanes in this order
        List<CompletableFuture<SignalOutcome>> answers = new ArrayList<>();
        for (Signal signal : sequence) {
            answers.add(service.receive(signal).subscribeAsCompletionStage());
        }
        List<SignalOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<SignalOutcome> answer : answers) {
            outcomes.add(answer.get(60, TimeUnit.SECONDS));
        }

        assertTrue(held() > heldBefore, "the sequence must make batches hold signals of deferred services");
        assertSameAsAlone(vertx, pool, ingest, sequence, outcomes, alone);
    }

    /** {@code signals_held_total}, 0 before the (lazily created) signal service registered it. */
    private double held() {
        Counter held = registry.find("signals.held").counter();
        return held == null ? 0 : held.count();
    }
}
