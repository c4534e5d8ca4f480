package io.downtime.systemtests;

import static io.downtime.systemtests.support.Sql.count;
import static io.downtime.systemtests.support.Sql.ids;
import static io.downtime.systemtests.support.Sql.minus;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.systemtests.support.Api;
import io.downtime.systemtests.support.Downtime;
import io.downtime.systemtests.support.StatusServer;
import io.downtime.testsupport.Anvil;

/**
 * incident-service killed with {@code kill -9} ten times while probes run and targets flap: every signal in
 * probe-service's outbox is delivered (none rejected) and stored in incident-service's {@code region_signal} exactly
 * once (same id set, no extras), and every outage has exactly one incident. Four {@code http} targets against a
 * status server the test toggles and one Anvil node the test halts and resumes, each target its own service (one
 * region, so one DOWN signal = one outage = one incident).
 */
class IncidentKillIT {

    private static final String NAME = "kill";
    private static final int KILLS = 10;

    private static Downtime system;
    private static Api api;
    private static StatusServer server;
    private static Anvil anvil;

    @BeforeAll
    static void start() {
        server = StatusServer.start();
        anvil = Anvil.start();
        system = Downtime.start(NAME);
        api = new Api(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (anvil != null) {
            anvil.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One flapping target: its service, its probe-service id, and how the test makes it fail or recover. */
    private record Flapper(String service, long id, Runnable fail, Runnable recover) {
    }

    @Test
    void everySignalIsStoredExactlyOnceAndEveryOutageHasOneIncidentAcrossTenKills() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Flapper> flappers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String path = "/flap-" + i;
            String service = "kill-http-" + i + "-" + run;
            long id = api.registerTarget("""
                    {"name":"%s","service":"%s","kind":"http","url":"%s","intervalSeconds":1,"timeoutMs":500,
                     "failureThreshold":1,"successThreshold":1}""".formatted(service, service, server.url(path)));
            flappers.add(new Flapper(service, id, () -> server.setStatus(path, 503), () -> server.setStatus(path, 200)));
        }
        String chainService = "kill-chain-" + run;
        long chainId = api.registerTarget("""
                {"name":"%s","service":"%s","kind":"evm-node","url":"%s","intervalSeconds":1,"timeoutMs":800,
                 "failureThreshold":1,"successThreshold":1,"evm":{"chainId":31337,"maxHeadAgeSeconds":2}}"""
                .formatted(chainService, chainService, anvil.url()));
        flappers.add(new Flapper(chainService, chainId, anvil::halt, anvil::resume));
        for (Flapper f : flappers) {
            await(f.service() + " UP").atMost(Duration.ofSeconds(60))
                    .until(() -> "UP".equals(api.targetStatus(f.id()).getString("state")));
        }

        // flap: every 700 ms one target (seeded choice) fails or recovers
        Random random = new Random(7);
        boolean[] failing = new boolean[flappers.size()];
        ScheduledExecutorService flapping = Executors.newSingleThreadScheduledExecutor();
        flapping.scheduleAtFixedRate(() -> {
            int i = random.nextInt(flappers.size());
            failing[i] = !failing[i];
            try {
                (failing[i] ? flappers.get(i).fail() : flappers.get(i).recover()).run();
            } catch (RuntimeException e) {
                failing[i] = !failing[i];
            }
        }, 0, 700, TimeUnit.MILLISECONDS);

        int kills = 0;
        Instant lastReady = null;
        try (Connection probeDb = Downtime.connect(NAME, "probe");
                Connection incidentDb = Downtime.connect(NAME, "incident")) {
            try {
                for (int k = 0; k < KILLS; k++) {
                    // kill while signals flow: once incident-service has stored two more since it (re)started
                    long stored = count(incidentDb, "select count(*) from region_signal");
                    await("signals stored before kill " + (k + 1)).atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> count(incidentDb, "select count(*) from region_signal") >= stored + 2);
                    system.incident.stop(true);
                    kills++;
                    // and restart it once a signal waits for it in the outbox
                    await("a signal pending while incident-service is dead").atMost(Duration.ofSeconds(60))
                            .until(() -> count(probeDb, "select count(*) from outbox where delivered_at is null") > 0);
                    system.incident.start();
                    lastReady = Instant.now();
                }
            } finally {
                flapping.shutdownNow();
                flapping.awaitTermination(10, TimeUnit.SECONDS);
            }
            flappers.forEach(f -> f.recover().run());
            for (Flapper f : flappers) {
                await(f.service() + " UP at the end").atMost(Duration.ofSeconds(60))
                        .until(() -> "UP".equals(api.targetStatus(f.id()).getString("state")));
            }
            await("outbox drained").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(probeDb,
                            "select count(*) from outbox where delivered_at is null and rejected_at is null") == 0);
            // a signal acknowledged while its service's outage was changing is stored pending and applied after; one
            // left pending by the kill / the outage is applied by the next signal of its service or by the sweep
            await("no signal left pending").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(incidentDb, "select count(*) from region_signal where pending") == 0);
            double drainSeconds = Duration.between(lastReady, Instant.now()).toMillis() / 1000.0;

            assertEquals(0, count(probeDb, "select count(*) from outbox where rejected_at is not null"),
                    "no signal rejected");
            Set<String> sent = ids(probeDb, "select id from outbox");
            Set<String> stored = ids(incidentDb, "select id from region_signal");
            long storedRows = count(incidentDb, "select count(*) from region_signal");
            long notApplied = count(incidentDb, "select count(*) from region_signal where not applied");
            long maxRelayMs = count(probeDb,
                    "select coalesce(max(extract(epoch from delivered_at - created_at) * 1000), 0)::bigint from outbox");
            long medianRelayMs = count(probeDb, "select coalesce(percentile_cont(0.5) within group (order by"
                    + " extract(epoch from delivered_at - created_at)) * 1000, 0)::bigint from outbox");
            long maxAttempts = count(probeDb, "select coalesce(max(attempts), 0) from outbox");
            Api.figure(("kill -9 of incident-service x%d while 5 targets flapped: %d signals sent (outbox), %d stored"
                    + " (region_signal, %d rows, %d not applied as stale), 0 rejected; relay delay median %.1f s, max %.1f s"
                    + " (created → delivered; back-off up to downtime.outbox.max-backoff 30 s), max delivery attempts"
                    + " %d; outbox drained %.1f s after the last restart was ready").formatted(kills, sent.size(),
                            stored.size(), storedRows, notApplied, medianRelayMs / 1000.0, maxRelayMs / 1000.0, maxAttempts,
                            drainSeconds));
            assertEquals(KILLS, kills);
            assertTrue(sent.size() >= 2 * KILLS, "signals sent: " + sent.size());
            assertEquals(sent, stored, "the same signal ids on both sides (missing: " + minus(sent, stored)
                    + ", extra: " + minus(stored, sent) + ")");
            assertEquals(sent.size(), storedRows, "each signal stored once");

            // one region, one target per service: every DOWN signal is one outage with exactly one incident
            Map<String, String> perService = new LinkedHashMap<>();
            for (Flapper f : flappers) {
                long downs = count(probeDb, "select count(*) from outbox where payload::jsonb ->> 'service' = '"
                        + f.service() + "' and payload::jsonb ->> 'state' = 'DOWN'");
                long outages = count(incidentDb, "select count(*) from outage where service = '" + f.service() + "'");
                long outageIncidents = count(incidentDb,
                        "select count(distinct incident_id) from outage where service = '" + f.service() + "'");
                List<Map<String, Object>> incidents = api.incidents(f.service());
                perService.put(f.service(), downs + " outages / " + incidents.size() + " incidents");
                assertTrue(downs >= 1, f.service() + " flapped at least once");
                assertEquals(downs, outages, f.service() + ": one outage per DOWN signal");
                assertEquals(outages, outageIncidents, f.service() + ": each outage its own incident");
                assertEquals(downs, incidents.size(), f.service() + ": one incident per outage");
                assertTrue(incidents.stream().allMatch(i -> "RESOLVED".equals(i.get("status"))),
                        f.service() + ": all resolved " + incidents);
                assertEquals(0, count(incidentDb, "select count(*) from outage where service = '" + f.service()
                        + "' and (incident_id is null or ended_at is null)"), f.service() + ": every outage ended");
            }
            Api.figure("kill -9 x%d: outages / incidents per service: %s".formatted(kills, perService));
        }
    }
}
