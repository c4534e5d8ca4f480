package io.downtime.incident.rest;

import static io.downtime.incident.rest.SignalSequences.assertSameStoredAsAlone;
import static io.downtime.incident.rest.SignalSequences.randomSequence;
import static io.downtime.incident.rest.Signals.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lanes of {@link SignalService}: signals of several services sent at once are cut into many batches; the services
 * whose outage changes have their signals stored pending and applied by rests while later batches go on. Every
 * service's signals must still end up applied as one transaction per signal in arrival order applies them.
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
    Vertx vertx;

    @Inject
    Pool pool;

    @Test
    void batchesThroughTheLanesGiveTheSameOutagesAsOneSignalPerTransaction() throws Exception {
        String[] names = new String[6];
        Map<String, String> alone = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = unique("lane" + i);
            alone.put(names[i], unique("alone" + i));
        }
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        List<Signal> sequence = randomSequence(names, regions, 5, 600);

        // all at once, as concurrent requests would: they queue in their lanes in this order
        List<CompletableFuture<SignalOutcome>> answers = new ArrayList<>();
        for (Signal signal : sequence) {
            answers.add(service.receive(signal).subscribeAsCompletionStage());
        }
        for (CompletableFuture<SignalOutcome> answer : answers) {
            assertFalse(answer.get(60, TimeUnit.SECONDS).duplicate());
        }
        // signals answered once stored pending are applied after their answer
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingOf(names) == 0);

        assertSameStoredAsAlone(vertx, pool, ingest, sequence, alone);
    }

    private long pendingOf(String[] names) throws Exception {
        return SignalSequences.run(vertx, () -> pool
                .preparedQuery("select count(*) from region_signal where pending and service = any($1)")
                .execute(Tuple.of((Object) names)).map(rows -> rows.iterator().next().getLong(0)));
    }
}
