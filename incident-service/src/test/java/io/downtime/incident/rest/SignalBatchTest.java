package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetState;
import io.downtime.incident.service.SignalIngest;
import io.downtime.incident.service.SignalOutcome;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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

    @Test
    void aBatchGivesTheSameOutagesAsOneSignalPerTransaction() throws Exception {
        String batched = unique("batched");
        String alone = unique("alone");
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        List<Signal> sequence = randomSequence(batched, regions, 7);

        List<SignalOutcome> batchOutcomes = run(() -> ingest.batch(sequence));

        assertSameAsAlone(sequence, batchOutcomes, batched, alone);
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
        List<Signal> sequence = randomSequence(batched, regions, 7);
        Random sizes = new Random(3);

        List<SignalOutcome> batchOutcomes = new ArrayList<>();
        for (int from = 0; from < sequence.size();) {
            List<Signal> chunk = sequence.subList(from, Math.min(sequence.size(), from + 1 + sizes.nextInt(12)));
            batchOutcomes.addAll(run(() -> ingest.batch(chunk)));
            from += chunk.size();
        }

        assertSameAsAlone(sequence, batchOutcomes, batched, alone);
    }

    /**
     * 80 signals of 3 targets of {@code service} in 3 regions, DOWN or UP at random, every ninth one a late delivery
     * (older than the state already applied for its target and region).
     */
    private static List<Signal> randomSequence(String service, String[] regions, long seed) {
        Random random = new Random(seed);
        List<Signal> sequence = new ArrayList<>();
        Map<String, Long> lastConfirmed = new HashMap<>();
        for (int k = 0; k < 80; k++) {
            String target = "t" + random.nextInt(3);
            String region = regions[random.nextInt(3)];
            boolean down = random.nextBoolean();
            long observed = 10L * k;
            long confirmed = observed + 2;
            if (k % 9 == 8 && lastConfirmed.containsKey(target + region)) {
                // a late delivery: older than the state already applied for its (target, region), must be ignored
                confirmed = lastConfirmed.get(target + region) - 1;
                observed = confirmed - 2;
            } else {
                lastConfirmed.put(target + region, confirmed);
            }
            // targets are keyed by name across services: each service gets its own target names
            sequence.add(signal(service, service + "-" + target, region, down, observed, confirmed));
        }
        return sequence;
    }

    /**
     * Runs {@code sequence} again one signal per transaction as service {@code alone}, and compares outcomes, outages
     * (start, end, reason, state, cause), the targets recorded as down per outage, and incident statuses.
     */
    private void assertSameAsAlone(List<Signal> sequence, List<SignalOutcome> batchOutcomes, String batched,
            String alone) throws Exception {
        List<SignalOutcome> aloneOutcomes = new ArrayList<>();
        for (Signal s : sequence) {
            aloneOutcomes.add(run(() -> ingest.one(rename(s, alone))));
        }

        assertEquals(sequence.size(), batchOutcomes.size());
        for (int i = 0; i < sequence.size(); i++) {
            assertEquals(sequence.get(i).id(), batchOutcomes.get(i).id());
            assertEquals(aloneOutcomes.get(i).applied(), batchOutcomes.get(i).applied(), "signal " + i);
            assertEquals(aloneOutcomes.get(i).evaluation().change(), batchOutcomes.get(i).evaluation().change(),
                    "signal " + i);
        }
        List<Map<String, Object>> expected = outages(alone).getList("$");
        List<Map<String, Object>> actual = outages(batched).getList("$");
        assertTrue(expected.size() > 2, "the sequence must open and end several outages: " + expected);
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            for (String field : List.of("start", "end", "reason", "state", "cause")) {
                assertEquals(expected.get(i).get(field), actual.get(i).get(field), "outage " + i + " " + field);
            }
        }
        assertEquals(statuses(alone), statuses(batched));
        assertEquals(outageTargets(alone), outageTargets(batched));
    }

    /** Per outage of {@code service} by start: the targets recorded as down, without the service's name prefix. */
    private List<String> outageTargets(String service) throws Exception {
        return run(() -> pool.preparedQuery("""
                select o.started_at, string_agg(substr(t.target, length($1) + 2), ',' order by t.target)
                  from outage o left join outage_target t on t.outage_id = o.id
                 where o.service = $1 group by o.id order by o.started_at, o.id
                """).execute(Tuple.of(service)).map(rows -> {
            List<String> out = new ArrayList<>();
            rows.forEach(row -> out.add(row.getValue(0) + " " + row.getString(1)));
            return out;
        }));
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

    private static List<String> statuses(String service) {
        return incidents(service).stream()
                .sorted((a, b) -> Long.compare(((Number) a.get("id")).longValue(), ((Number) b.get("id")).longValue()))
                .map(i -> (String) i.get("status")).toList();
    }

    private static Signal signal(String service, String target, String region, boolean down, long observed,
            long confirmed) {
        return new Signal(UUID.randomUUID(), region, target, null, service, "evm-node",
                down ? TargetState.DOWN : TargetState.UP, down ? "timeout" : "ok", "{\"blockNumber\":1}", at(observed),
                at(confirmed));
    }

    private static Signal rename(Signal s, String service) {
        String target = service + s.target().substring(s.target().lastIndexOf('-'));
        return new Signal(UUID.randomUUID(), s.region(), target, s.targetId(), service, s.kind(), s.state(),
                s.reason(), s.evidenceJson(), s.observedAt(), s.confirmedAt());
    }

    /** Runs a Hibernate Reactive unit of work on its own duplicated Vert.x context, as a request would. */
    private <T> T run(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(60, TimeUnit.SECONDS);
    }
}
