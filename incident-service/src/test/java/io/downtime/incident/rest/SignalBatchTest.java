package io.downtime.incident.rest;

import static io.downtime.incident.rest.SignalSequences.assertSameAsAlone;
import static io.downtime.incident.rest.SignalSequences.randomSequence;
import static io.downtime.incident.rest.SignalSequences.signal;
import static io.downtime.incident.rest.SignalSequences.statuses;
import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.downtime.incident.domain.Signal;
import io.downtime.incident.service.Evaluation;
import io.downtime.incident.service.PendingSignalSweep;
import io.downtime.incident.service.SignalIngest;
import io.downtime.incident.service.SignalOutcome;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Group commit of signals: a batch stored in one transaction must give exactly what the same signals give one per
 * transaction, in the same order — outages, their starts and ends, incidents — and answer duplicates as duplicates.
 */
@QuarkusTest
class SignalBatchTest {

    @Inject
    SignalIngest ingest;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    PendingSignalSweep sweep;

    @Test
    void aBatchGivesTheSameOutagesAsOneSignalPerTransaction() throws Exception {
        String batched = unique("batched");
        String alone = unique("alone");
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        List<Signal> sequence = randomSequence(new String[] { batched }, regions, 7, 80);

        List<SignalOutcome> batchOutcomes = run(() -> ingest.batch(sequence));

        assertSameAsAlone(vertx, pool, ingest, sequence, batchOutcomes, Map.of(batched, alone));
    }

    /**
     * Three services interleaved in one batch: from a service's first outage change on, its signals wait for the
     * Hibernate path while the other services' signals are stored by the first transaction; the result is still that
     * of one signal per transaction in arrival order.
     */
    @Test
    void aBatchOfSeveralServicesGivesTheSameOutagesAsOneSignalPerTransaction() throws Exception {
        String[] batched = { unique("mixed-a"), unique("mixed-b"), unique("mixed-c") };
        Map<String, String> alone = Map.of(batched[0], unique("alone-a"), batched[1], unique("alone-b"), batched[2],
                unique("alone-c"));
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        List<Signal> sequence = randomSequence(batched, regions, 11, 240);

        List<SignalOutcome> batchOutcomes = run(() -> ingest.batch(sequence));

        assertSameAsAlone(vertx, pool, ingest, sequence, batchOutcomes, alone);
    }

    /**
     * The same, cut into batches of 1 to 12 signals: every batch starts in the common case (SignalIngest's Vert.x SQL
     * client path) and hands over to the Hibernate path at its first outage change, with states, outage targets and
     * open outages carried over from the batches before.
     */
    @Test
    void batchesOfEverySizeGiveTheSameOutagesAsOneSignalPerTransaction() throws Exception {
        String batched = unique("chunked");
        String alone = unique("alone");
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        List<Signal> sequence = randomSequence(new String[] { batched }, regions, 7, 80);
        Random sizes = new Random(3);

        List<SignalOutcome> batchOutcomes = new ArrayList<>();
        for (int from = 0; from < sequence.size();) {
            List<Signal> chunk = sequence.subList(from, Math.min(sequence.size(), from + 1 + sizes.nextInt(12)));
            batchOutcomes.addAll(run(() -> ingest.batch(chunk)));
            from += chunk.size();
        }

        assertSameAsAlone(vertx, pool, ingest, sequence, batchOutcomes, Map.of(batched, alone));
    }

    @Test
    void downThenUpInOneBatchIsAnOutageNotNothing() throws Exception {
        String service = unique("blip");
        String region = unique("eu");
        Signal down = signal(service, "rpc", region, true, 100, 102);
        Signal up = signal(service, "rpc", region, false, 130, 132);

        List<SignalOutcome> outcomes = run(() -> ingest.batch(List.of(down, up)));

        assertTrue(outcomes.get(0).evaluation().incidentCreated());
        List<Map<String, Object>> list = outages(service).getList("$");
        assertEquals(1, list.size(), list.toString());
        assertEquals(at(100).toString(), list.get(0).get("start"));
        assertEquals(at(130).toString(), list.get(0).get("end"));
        assertEquals(List.of("RESOLVED"), statuses(service));
    }

    /**
     * A second target going down (and up again) while the service's outage is open, inside one batch: the outage
     * stays as it is, and the target is recorded as down during it, as one signal per transaction records it.
     */
    @Test
    void aTargetGoingDownDuringAnOpenOutageIsRecordedByABatch() throws Exception {
        String batched = unique("during");
        String alone = unique("alone");
        String region = unique("eu");
        for (String service : List.of(batched, alone)) {
            Signal aDown = signal(service, service + "-a", region, true, 100, 102);
            Signal bDown = signal(service, service + "-b", region, true, 110, 112);
            Signal bUp = signal(service, service + "-b", region, false, 120, 122);
            Signal aUp = signal(service, service + "-a", region, false, 130, 132);
            if (service.equals(batched)) {
                run(() -> ingest.batch(List.of(aDown)));
                List<SignalOutcome> during = run(() -> ingest.batch(List.of(bDown, bUp)));
                assertTrue(during.stream().allMatch(o -> o.applied() && !o.evaluation().incidentCreated()), during.toString());
                run(() -> ingest.batch(List.of(aUp)));
            } else {
                for (Signal signal : List.of(aDown, bDown, bUp, aUp)) {
                    run(() -> ingest.one(signal));
                }
            }
        }

        assertEquals(List.of(at(100) + " a,b"), outageTargets(alone));
        assertEquals(outageTargets(alone), outageTargets(batched));
        assertEquals(at(130).toString(), outages(batched).getString("[0].end"));
    }

    @Test
    void repeatedAndAlreadyStoredIdsAreDuplicates() throws Exception {
        String service = unique("dup");
        String region = unique("eu");
        Signal stored = signal(service, "rpc", region, true, 10, 12);
        Signal fresh = signal(service, "api", region, true, 20, 22);
        // a duplicate of another service: that service is in the batch, but has nothing to apply
        Signal storedElsewhere = signal(unique("other"), "web", region, false, 10, 12);
        run(() -> ingest.one(stored));
        run(() -> ingest.one(storedElsewhere));

        List<SignalOutcome> outcomes = run(() -> ingest.batch(List.of(fresh, stored, fresh, storedElsewhere)));

        assertFalse(outcomes.get(0).duplicate());
        assertTrue(outcomes.get(0).applied());
        assertTrue(outcomes.get(1).duplicate());
        assertTrue(outcomes.get(2).duplicate());
        assertTrue(outcomes.get(3).duplicate());
        assertEquals(1, incidents(service).size());
        assertEquals(1, outages(service).getList("$").size());
        assertEquals(at(10).toString(), outages(service).getString("[0].start"));
    }

    /**
     * A service with signals pending (its outage change is being applied): a batch only stores its signals, pending;
     * a rest applies them in arrival order, once; the sweep applies those a stopped replica left pending.
     */
    @Test
    void signalsOfAPendingServiceAreStoredPendingThenAppliedOnceByARestOrTheSweep() throws Exception {
        String service = unique("pending");
        String region = unique("eu");
        Signal down = signal(service, "rpc", region, true, 100, 102);
        Signal up = signal(service, "rpc", region, false, 130, 132);
        Signal downAgain = signal(service, "rpc", region, true, 200, 202);

        SignalIngest.Split split = run(() -> ingest.split(List.of(down, up), Set.of(service)));

        assertEquals(List.of(down.id(), up.id()), split.rest().stream().map(Signal::id).toList());
        assertFalse(split.results().get(down.id()).duplicate());
        assertFalse(split.results().get(down.id()).applied());
        assertEquals(List.of(), outages(service).getList("$"), "stored, not applied");
        assertTrue(run(() -> ingest.one(down)).duplicate(), "stored: a redelivery is a duplicate");

        Map<UUID, SignalOutcome> applied = run(() -> ingest.rest(split.rest()));

        assertEquals(Evaluation.Change.OPENED, applied.get(down.id()).evaluation().change());
        assertEquals(Evaluation.Change.ENDED, applied.get(up.id()).evaluation().change());
        assertEquals(at(100).toString(), outages(service).getString("[0].start"));
        assertEquals(at(130).toString(), outages(service).getString("[0].end"));
        assertEquals(Map.of(), run(() -> ingest.rest(split.rest())), "applied once");

        // left pending by a replica that stopped before its rest: not yet old enough, then swept
        run(() -> ingest.split(List.of(downAgain), Set.of(service)));
        run(() -> sweep.applyPendingBefore(Instant.now().minusSeconds(60)));
        assertEquals(1, outages(service).getList("$").size(), "too recent for the sweep");
        assertTrue(run(() -> sweep.applyPendingBefore(Instant.now().plusSeconds(1))) >= 1);
        List<Map<String, Object>> after = outages(service).getList("$");
        assertEquals(2, after.size(), after.toString());
        assertEquals(at(200).toString(), after.get(1).get("start"));
        assertEquals(List.of("RESOLVED", "TRIGGERED"), statuses(service));
    }

    /**
     * Pending signals carried into the next batch (their rest ended): applied before the batch's own signals, in
     * memory when the outage stays as it is (and settled), left pending for a rest when they change it.
     */
    @Test
    void carriedPendingSignalsAreAppliedBeforeTheBatchAndSettled() throws Exception {
        String service = unique("carried");
        String quiet = unique("quiet");
        String region = unique("eu");
        Signal down = signal(service, "rpc", region, true, 100, 102);
        Signal up = signal(service, "rpc", region, false, 130, 132);
        Signal ok = signal(quiet, "web", region, false, 50, 52);
        run(() -> ingest.split(List.of(down, ok), Set.of(service, quiet)));

        // ok keeps its service up: applied in memory and settled; down opens an outage: pending again, before up
        SignalIngest.Split split = run(() -> ingest.split(List.of(up), Set.of(), List.of(ok, down)));

        assertTrue(split.results().get(ok.id()).applied());
        assertEquals(List.of(down.id(), up.id()), split.rest().stream().map(Signal::id).toList());
        assertEquals(Map.of(ok.id(), "applied", down.id(), "pending"), stored(List.of(ok.id(), down.id())));
        run(() -> ingest.rest(split.rest()));
        assertEquals(at(100).toString(), outages(service).getString("[0].start"));
        assertEquals(at(130).toString(), outages(service).getString("[0].end"));
        assertEquals(Map.of(down.id(), "applied", up.id(), "applied"), stored(List.of(down.id(), up.id())));
    }

    /**
     * A signal left pending by a replica that stopped before applying it (stored, acknowledged) is applied before a
     * later signal of its service that another batch receives, not dropped as older than it.
     */
    @Test
    void aSignalLeftPendingIsAppliedBeforeTheNextSignalOfItsService() throws Exception {
        String service = unique("orphan");
        String region = unique("eu");
        Signal down = signal(service, "rpc", region, true, 100, 102);
        Signal up = signal(service, "rpc", region, false, 130, 132);
        run(() -> ingest.split(List.of(down), Set.of(service)));

        List<SignalOutcome> outcomes = run(() -> ingest.batch(List.of(up, down)));

        assertFalse(outcomes.get(0).duplicate());
        assertTrue(outcomes.get(1).duplicate(), "a redelivery of the pending signal");
        assertEquals(at(100).toString(), outages(service).getString("[0].start"));
        assertEquals(at(130).toString(), outages(service).getString("[0].end"));
        assertEquals(Map.of(down.id(), "applied", up.id(), "applied"), stored(List.of(down.id(), up.id())));
    }

    private Map<UUID, String> stored(List<UUID> ids) throws Exception {
        return SignalSequences.storedStates(vertx, pool, ids);
    }

    private <T> T run(Supplier<Uni<T>> work) throws Exception {
        return SignalSequences.run(vertx, work);
    }

    private List<String> outageTargets(String service) throws Exception {
        return SignalSequences.outageTargets(vertx, pool, service);
    }
}
