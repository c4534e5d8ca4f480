package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.outages;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetState;
import io.downtime.incident.service.SignalIngest;
import io.downtime.incident.service.SignalOutcome;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Random signal sequences and the reference they are checked against: the same sequence stored one signal per
 * transaction ({@link SignalIngest#one}), in order, under other service names.
 */
final class SignalSequences {

    private SignalSequences() {
    }

    /**
     * {@code count} signals of 3 targets per service in 3 regions, each of a service drawn at random from
     * {@code services}, DOWN or UP at random, every ninth one a late delivery (older than the state already applied
     * for its target and region). Targets are named after their service ({@code service-tN}): targets are keyed by
     * name across services.
     */
    static List<Signal> randomSequence(String[] services, String[] regions, long seed, int count) {
        Random random = new Random(seed);
        List<Signal> sequence = new ArrayList<>();
        Map<String, Long> lastConfirmed = new HashMap<>();
        for (int k = 0; k < count; k++) {
            String service = services.length == 1 ? services[0] : services[random.nextInt(services.length)];
            String target = service + "-t" + random.nextInt(3);
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
            sequence.add(signal(service, target, region, down, observed, confirmed));
        }
        return sequence;
    }

    static Signal signal(String service, String target, String region, boolean down, long observed, long confirmed) {
        return new Signal(UUID.randomUUID(), region, target, null, service, "evm-node",
                down ? TargetState.DOWN : TargetState.UP, down ? "timeout" : "ok", "{\"blockNumber\":1}", at(observed),
                at(confirmed));
    }

    /** {@code s} with a new id, as a signal of {@code service} (its target renamed to match). */
    static Signal rename(Signal s, String service) {
        String target = service + s.target().substring(s.target().lastIndexOf('-'));
        return new Signal(UUID.randomUUID(), s.region(), target, s.targetId(), service, s.kind(), s.state(),
                s.reason(), s.evidenceJson(), s.observedAt(), s.confirmedAt());
    }

    /**
     * Runs {@code sequence} again one signal per transaction, each signal's service renamed by {@code alone}, and
     * compares per signal the outcome (applied, outage change) and per service the outages (start, end, reason, state,
     * cause), the targets recorded as down per outage, and incident statuses.
     *
     * @param alone the reference service name of each service of {@code sequence}
     */
    static void assertSameAsAlone(Vertx vertx, Pool pool, SignalIngest ingest, List<Signal> sequence,
            List<SignalOutcome> outcomes, Map<String, String> alone) throws Exception {
        List<SignalOutcome> aloneOutcomes = new ArrayList<>();
        for (Signal s : sequence) {
            aloneOutcomes.add(run(vertx, () -> ingest.one(rename(s, alone.get(s.service())))));
        }

        assertEquals(sequence.size(), outcomes.size());
        for (int i = 0; i < sequence.size(); i++) {
            assertEquals(sequence.get(i).id(), outcomes.get(i).id());
            assertEquals(aloneOutcomes.get(i).applied(), outcomes.get(i).applied(), "signal " + i);
            assertEquals(aloneOutcomes.get(i).evaluation().change(), outcomes.get(i).evaluation().change(),
                    "signal " + i);
        }
        assertSameOutagesAsAlone(vertx, pool, alone);
    }

    /**
     * Runs {@code sequence} again one signal per transaction, as {@link #assertSameAsAlone} does, and compares what is
     * stored: per signal whether it was applied ({@code region_signal.applied}; none may be left pending), per service
     * the outages, the targets recorded as down per outage, and incident statuses. For signals answered before they
     * were applied, whose outcomes do not say what applying them did.
     */
    static void assertSameStoredAsAlone(Vertx vertx, Pool pool, SignalIngest ingest, List<Signal> sequence,
            Map<String, String> alone) throws Exception {
        List<Boolean> aloneApplied = new ArrayList<>();
        for (Signal s : sequence) {
            aloneApplied.add(run(vertx, () -> ingest.one(rename(s, alone.get(s.service())))).applied());
        }
        Map<UUID, String> stored = storedStates(vertx, pool, sequence.stream().map(Signal::id).toList());
        for (int i = 0; i < sequence.size(); i++) {
            assertEquals(aloneApplied.get(i) ? "applied" : "not applied", stored.get(sequence.get(i).id()), "signal " + i);
        }
        assertSameOutagesAsAlone(vertx, pool, alone);
    }

    /** Per stored signal id: {@code pending}, {@code applied} or {@code not applied} ({@code region_signal}). */
    static Map<UUID, String> storedStates(Vertx vertx, Pool pool, List<UUID> ids) throws Exception {
        return run(vertx, () -> pool.preparedQuery("select id, applied, pending from region_signal where id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, String> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getUUID(0),
                            row.getBoolean(2) ? "pending" : row.getBoolean(1) ? "applied" : "not applied"));
                    return out;
                }));
    }

    private static void assertSameOutagesAsAlone(Vertx vertx, Pool pool, Map<String, String> alone) throws Exception {
        int outages = 0;
        for (Map.Entry<String, String> service : alone.entrySet()) {
            String batched = service.getKey();
            List<Map<String, Object>> expected = outages(service.getValue()).getList("$");
            List<Map<String, Object>> actual = outages(batched).getList("$");
            outages += expected.size();
            assertEquals(expected.size(), actual.size(), actual.toString());
            for (int i = 0; i < expected.size(); i++) {
                for (String field : List.of("start", "end", "reason", "state", "cause")) {
                    assertEquals(expected.get(i).get(field), actual.get(i).get(field),
                            batched + " outage " + i + " " + field);
                }
            }
            assertEquals(statuses(service.getValue()), statuses(batched));
            assertEquals(outageTargets(vertx, pool, service.getValue()), outageTargets(vertx, pool, batched));
        }
        assertTrue(outages > 2 * alone.size(), "the sequence must open and end several outages per service: " + outages);
    }

    /** Per outage of {@code service} by start: the targets recorded as down, without the service's name prefix. */
    static List<String> outageTargets(Vertx vertx, Pool pool, String service) throws Exception {
        return run(vertx, () -> pool.preparedQuery("""
                select o.started_at, string_agg(substr(t.target, length($1) + 2), ',' order by t.target)
                  from outage o left join outage_target t on t.outage_id = o.id
                 where o.service = $1 group by o.id order by o.started_at, o.id
                """).execute(Tuple.of(service)).map(rows -> {
            List<String> out = new ArrayList<>();
            rows.forEach(row -> out.add(row.getValue(0) + " " + row.getString(1)));
            return out;
        }));
    }

    static List<String> statuses(String service) {
        return incidents(service).stream()
                .sorted((a, b) -> Long.compare(((Number) a.get("id")).longValue(), ((Number) b.get("id")).longValue()))
                .map(i -> (String) i.get("status")).toList();
    }

    /** Runs a Hibernate Reactive unit of work on its own duplicated Vert.x context, as a request would. */
    static <T> T run(Vertx vertx, Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(60, TimeUnit.SECONDS);
    }
}
