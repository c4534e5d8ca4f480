package io.downtime.systemtests;

import static io.downtime.systemtests.support.Sql.count;
import static io.downtime.systemtests.support.Sql.ids;
import static io.downtime.systemtests.support.Sql.minus;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.systemtests.support.Api;
import io.downtime.systemtests.support.Downtime;
import io.downtime.systemtests.support.ServiceProcess;
import io.downtime.systemtests.support.StatusServer;

/**
 * PostgreSQL restarted under load ({@code pg_ctlcluster … stop}, then {@code start}, twice) while four {@code http}
 * targets flap: probe-service and incident-service report not ready while their database is away and ready again
 * after it is back; afterwards every signal in probe-service's outbox is stored in incident-service exactly once and
 * every outage has exactly one incident — none lost, none duplicated.
 *
 * <p>
 * Needs root and the local cluster's {@code pg_ctlcluster} (Debian's postgresql-common); skipped with a message
 * otherwise. It stops the machine's PostgreSQL for a few seconds: run it alone (the build's failsafe run is serial).
 */
class PostgresRestartIT {

    private static final String NAME = "pgrestart";
    private static final int RESTARTS = 2;

    private static Downtime system;
    private static Api api;
    private static StatusServer server;
    private static String clusterVersion;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "PostgresRestartIT: needs root to restart PostgreSQL");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster")),
                "PostgresRestartIT: no pg_ctlcluster (Debian postgresql-common) on this machine");
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            clusterVersion = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElse(null);
        }
        assumeTrue(clusterVersion != null, "PostgresRestartIT: no cluster under /etc/postgresql");
        server = StatusServer.start();
        system = Downtime.start(NAME);
        api = new Api(system);
    }

    @AfterAll
    static void stop() throws Exception {
        if (clusterVersion != null) {
            // whatever happened, leave the machine's PostgreSQL running
            cluster("start");
        }
        if (system != null) {
            system.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private record Flapper(String service, long id, String path) {
    }

    @Test
    void servicesGoNotReadyAndComeBackAndNoSignalOrIncidentIsLostOrDuplicated() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Flapper> flappers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String path = "/pg-flap-" + i;
            String service = "pg-http-" + i + "-" + run;
            long id = api.registerTarget("""
                    {"name":"%s","service":"%s","kind":"http","url":"%s","intervalSeconds":1,"timeoutMs":500,
                     "failureThreshold":1,"successThreshold":1}""".formatted(service, service, server.url(path)));
            flappers.add(new Flapper(service, id, path));
        }
        for (Flapper f : flappers) {
            await(f.service() + " UP").atMost(Duration.ofSeconds(60))
                    .until(() -> "UP".equals(api.targetStatus(f.id()).getString("state")));
        }

        Random random = new Random(11);
        boolean[] failing = new boolean[flappers.size()];
        ScheduledExecutorService flapping = Executors.newSingleThreadScheduledExecutor();
        flapping.scheduleAtFixedRate(() -> {
            int i = random.nextInt(flappers.size());
            failing[i] = !failing[i];
            server.setStatus(flappers.get(i).path(), failing[i] ? 503 : 200);
        }, 0, 700, TimeUnit.MILLISECONDS);

        List<Double> notReadySeconds = new ArrayList<>();
        List<Double> backReadySeconds = new ArrayList<>();
        try {
            for (int r = 0; r < RESTARTS; r++) {
                // under load: once incident-service has stored a few more signals
                long before = storedSignals();
                await("signals flowing before restart " + (r + 1)).atMost(Duration.ofSeconds(90))
                        .until(() -> storedSignals() >= before + 3);
                Instant stopAt = Instant.now();
                cluster("stop");
                for (ServiceProcess service : List.of(system.probe, system.incident)) {
                    await(service + " not ready while PostgreSQL is down").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100)).until(() -> !service.isReady());
                    assertTrue(service.isAlive(), "the process itself keeps running");
                }
                notReadySeconds.add(Duration.between(stopAt, Instant.now()).toMillis() / 1000.0);
                Instant startAt = Instant.now();
                cluster("start");
                for (ServiceProcess service : List.of(system.probe, system.incident, system.sla)) {
                    await(service + " ready again").atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(100)).until(service::isReady);
                }
                backReadySeconds.add(Duration.between(startAt, Instant.now()).toMillis() / 1000.0);
            }
        } finally {
            flapping.shutdownNow();
            flapping.awaitTermination(10, TimeUnit.SECONDS);
        }
        flappers.forEach(f -> server.setStatus(f.path(), 200));
        for (Flapper f : flappers) {
            await(f.service() + " UP at the end").atMost(Duration.ofSeconds(60))
                    .until(() -> "UP".equals(api.targetStatus(f.id()).getString("state")));
        }

        try (Connection probeDb = Downtime.connect(NAME, "probe");
                Connection incidentDb = Downtime.connect(NAME, "incident")) {
            await("outbox drained").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(probeDb,
                            "select count(*) from outbox where delivered_at is null and rejected_at is null") == 0);
            // a signal acknowledged while its service's outage was changing is stored pending and applied after; one
            // left pending by the kill / the outage is applied by the next signal of its service or by the sweep
            await("no signal left pending").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(incidentDb, "select count(*) from region_signal where pending") == 0);
            assertEquals(0, count(probeDb, "select count(*) from outbox where rejected_at is not null"),
                    "no signal rejected");
            Set<String> sent = ids(probeDb, "select id from outbox");
            Set<String> stored = ids(incidentDb, "select id from region_signal");
            assertEquals(sent, stored, "the same signal ids on both sides (missing: " + minus(sent, stored) + ", extra: "
                    + minus(stored, sent) + ")");
            assertEquals(sent.size(), count(incidentDb, "select count(*) from region_signal"), "each signal stored once");
            long outagesTotal = 0;
            for (Flapper f : flappers) {
                long downs = count(probeDb, "select count(*) from outbox where payload::jsonb ->> 'service' = '"
                        + f.service() + "' and payload::jsonb ->> 'state' = 'DOWN'");
                long outages = count(incidentDb, "select count(*) from outage where service = '" + f.service() + "'");
                long incidents = count(incidentDb, "select count(*) from incident where service = '" + f.service() + "'");
                assertEquals(downs, outages, f.service() + ": one outage per DOWN signal");
                assertEquals(outages, incidents, f.service() + ": one incident per outage, none lost or duplicated");
                assertEquals(0, count(incidentDb, "select count(*) from incident where service = '" + f.service()
                        + "' and status <> 'RESOLVED'"), f.service() + ": every incident resolved at the end");
                outagesTotal += outages;
            }
            Api.figure(("PostgreSQL stopped and started x%d under load (4 flapping targets): not ready after %s s,"
                    + " ready again %s s after start; %d signals sent, %d stored once each, %d outages = %d incidents")
                    .formatted(RESTARTS, notReadySeconds, backReadySeconds, sent.size(), stored.size(), outagesTotal,
                            outagesTotal));
        }
    }

    private long storedSignals() {
        try (Connection c = Downtime.connect(NAME, "incident")) {
            return count(c, "select count(*) from region_signal");
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void cluster(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", clusterVersion, "main", action)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        // "start" of a running cluster exits 2 ("already running"): fine
        assertTrue(code == 0 || ("start".equals(action) && out.contains("already running")),
                "pg_ctlcluster " + action + " exited " + code + ": " + out);
        if ("start".equals(action)) {
            await("PostgreSQL accepts connections").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> {
                        try (Connection c = Downtime.connect(NAME, "incident")) {
                            return c.isValid(2);
                        }
                    });
        }
    }
}
