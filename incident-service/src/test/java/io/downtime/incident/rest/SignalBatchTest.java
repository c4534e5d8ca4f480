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

    @Test
    void aBatchGivesTheSameOutagesAsOneSignalPerTransaction() throws Exception {
        String batched = unique("batched");
        String alone = unique("alone");
        String[] regions = { unique("eu"), unique("us"), unique("ap") };
        Random random = new Random(7);
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
            sequence.add(signal(batched, batched + "-" + target, region, down, observed, confirmed));
        }

        List<SignalOutcome> batchOutcomes = run(() -> ingest.batch(sequence));
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

    @Test
    void repeatedAndAlreadyStoredIdsAreDuplicates() throws Exception {
        String service = unique("dup");
        String region = unique("eu");
        Signal stored = signal(service, "rpc", region, true, 10, 12);
        Signal fresh = signal(service, "api", region, true, 20, 22);
        run(() -> ingest.one(stored));

        List<SignalOutcome> outcomes = run(() -> ingest.batch(List.of(fresh, stored, fresh)));

        assertFalse(outcomes.get(0).duplicate());
        assertTrue(outcomes.get(0).applied());
        assertTrue(outcomes.get(1).duplicate());
        assertTrue(outcomes.get(2).duplicate());
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
