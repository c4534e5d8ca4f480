package io.downtime.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.systemtests.support.Api;
import io.downtime.systemtests.support.Downtime;
import io.downtime.systemtests.support.Netns;
import io.downtime.systemtests.support.ServiceProcess;
import io.downtime.testsupport.Anvil;

/**
 * A network partition of one region, with Linux network namespaces: Anvil runs in namespace {@code dt-target}; three
 * region namespaces {@code dt-r1..3} each reach it over their own veth pair ({@code 10.77.N.1/30 ↔ 10.77.N.2/30}) and
 * each run one probe-service ({@code DOWNTIME_REGION=rN}), which reaches PostgreSQL and incident-service in the root
 * namespace only through {@code socat} relays over UNIX sockets (see {@link Netns}). The same target name is
 * registered in every region with that region's URL. Cutting one region's link (1 of 3 regions DOWN) opens no
 * incident; cutting a second (2 of 3, a strict majority) opens one; restoring both resolves it.
 * <p>
 * Skipped, with the reason, where namespaces cannot be made (not root, no {@code ip netns}, no socat, no PostgreSQL
 * UNIX socket).
 */
class NetworkPartitionIT {

    private static final String NAME = "partition";
    private static final String TARGET_NS = "dt-target";
    private static final int REGIONS = 3;

    private static Downtime system;
    private static Api api;
    private static Netns net;
    private static int anvilPort;
    private static final List<ServiceProcess> probes = new ArrayList<>();

    @BeforeAll
    static void start() {
        String unavailable = Netns.unavailableBecause();
        assumeTrue(unavailable == null, "network namespaces cannot be made here, partition test skipped: " + unavailable);
        Path pgSocket = Path.of("/var/run/postgresql",
                ".s.PGSQL." + System.getenv().getOrDefault("PGPORT", "5432"));
        assumeTrue(Files.exists(pgSocket),
                "PostgreSQL UNIX socket " + pgSocket + " missing: the region namespaces reach PostgreSQL through it");

        system = Downtime.start(NAME);
        api = new Api(system);
        net = new Netns();
        net.create(TARGET_NS);
        for (int r = 1; r <= REGIONS; r++) {
            net.create(region(r));
            net.link(region(r), "dtr" + r, "10.77." + r + ".1/30", TARGET_NS, "dtt" + r, "10.77." + r + ".2/30");
        }

        // Anvil inside dt-target, on every address there (its veth ends and its own loopback, exposed to the test)
        anvilPort = Anvil.freePort();
        net.spawn(TARGET_NS, List.of(Anvil.executable().toString(), "--host", "0.0.0.0", "--port",
                Integer.toString(anvilPort), "--block-time", "1"), "partition-anvil");
        net.expose(TARGET_NS, anvilPort);
        HttpClient http = HttpClient.newHttpClient();
        await("anvil in " + TARGET_NS).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + anvilPort))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().contains("result"));

        int incidentPort = URI.create(system.incident.url()).getPort();
        for (int r = 1; r <= REGIONS; r++) {
            String ns = region(r);
            String db = "probe_r" + r;
            Downtime.recreateDatabase(NAME, db);
            int pgPort = Anvil.freePort();
            net.reachUnix(ns, pgPort, pgSocket);
            int incidentPortInside = Anvil.freePort();
            net.reach(ns, incidentPortInside, incidentPort);
            int probePort = Anvil.freePort();
            net.expose(ns, probePort);
            ServiceProcess probe = new ServiceProcess("probe-service", probePort,
                    Map.of("DOWNTIME_PROBE_DB", Downtime.databaseName(NAME, db), "PGHOST", "127.0.0.1", "PGPORT",
                            Integer.toString(pgPort), "DOWNTIME_INCIDENT_URL", "http://127.0.0.1:" + incidentPortInside,
                            "DOWNTIME_REGION", "r" + r),
                    NAME + "-probe-r" + r).launchedVia(net.launcher(ns));
            // health and metrics are on the management interface, a port of its own
            net.expose(ns, probe.managementPort());
            probes.add(probe);
            probe.start();
        }
    }

    @AfterAll
    static void stop() {
        probes.forEach(ServiceProcess::close);
        if (net != null) {
            net.close();
        }
        if (system != null) {
            system.close();
        }
    }

    private static String region(int r) {
        return "dt-r" + r;
    }

    @Test
    void oneRegionCutOffOpensNoIncidentTwoDoAndRestoringResolvesIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String target = "anvil-" + run;
        String service = "partition-" + run;
        long[] ids = new long[REGIONS + 1];
        for (int r = 1; r <= REGIONS; r++) {
            // the same target name in every region; the URL is the region's own path to the node. A generous
            // timeout: on a loaded machine a slow answer of a connected region must not count as a second DOWN
            ids[r] = Api.registerTarget(probes.get(r - 1),
                    """
                            {"name":"%s","service":"%s","kind":"evm-node","url":"http://10.77.%d.2:%d","intervalSeconds":2,
                             "timeoutMs":2000,"failureThreshold":2,"successThreshold":2,"evm":{"chainId":31337,"maxHeadAgeSeconds":10}}"""
                            .formatted(target, service, r, anvilPort));
        }
        try (Connection incidentDb = Downtime.connect(NAME, "incident")) {
            for (int r = 1; r <= REGIONS; r++) {
                awaitRegionState(incidentDb, target, "r" + r, "UP");
            }

            // one region cut off: its probes fail, it reports DOWN, but 1 of 3 is no quorum
            net.setLink(region(1), "dtr1", false);
            awaitRegionState(incidentDb, target, "r1", "DOWN");
            String r1Reason = Api.targetStatus(probes.get(0), ids[1]).getString("reason");
            // the DOWN signal was evaluated in the transaction that stored it: no incident, no outage now
            assertEquals(List.of(), api.incidents(service), "no incident with 1 of 3 regions DOWN");
            assertEquals(0, count(incidentDb, "select count(*) from outage where service = ?", service));
            assertEquals("UP", Api.targetStatus(probes.get(1), ids[2]).getString("state"));
            assertEquals("UP", Api.targetStatus(probes.get(2), ids[3]).getString("state"));

            // a second region cut off: 2 of 3 DOWN, an incident opens
            Instant cut2 = Instant.now();
            net.setLink(region(2), "dtr2", false);
            Map<String, Object> triggered = await("incident with 2 of 3 regions DOWN").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.incident(service, "TRIGGERED"), Optional::isPresent).orElseThrow();
            Instant detected = Instant.parse((String) triggered.get("detectedAt"));

            // restore both links: the incident resolves
            Instant restored = Instant.now();
            net.setLink(region(1), "dtr1", true);
            net.setLink(region(2), "dtr2", true);
            Map<String, Object> resolved = await("incident resolved").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.incident(service, "RESOLVED"), Optional::isPresent).orElseThrow();
            assertEquals(triggered.get("id"), resolved.get("id"));
            assertEquals(1, api.incidents(service).size(), "one incident for the partition of two regions");
            Api.figure(("network partition (3 regions in netns): 1 of 3 cut off → region DOWN (%s), no incident; 2 of 3"
                    + " → incident %.1f s after the second cut (reason %s); links restored → RESOLVED %.1f s later")
                    .formatted(r1Reason, Duration.between(cut2, detected).toMillis() / 1000.0, triggered.get("reason"),
                            Duration.between(restored, Instant.parse((String) resolved.get("resolvedAt")))
                                    .toMillis() / 1000.0));
            assertTrue(probes.stream().allMatch(ServiceProcess::isAlive));
        }
    }

    /** Waits until incident-service holds {@code state} as the latest applied state of (target, region). */
    private static void awaitRegionState(Connection db, String target, String region, String state) {
        await(target + " " + state + " from " + region).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(db, "select count(*) from target_region_state where target = ? and region = '"
                        + region + "' and state = '" + state + "'", target) == 1);
    }

    private static long count(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
