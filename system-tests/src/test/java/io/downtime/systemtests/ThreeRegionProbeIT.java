package io.downtime.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.systemtests.support.ServiceProcess;
import io.downtime.testsupport.Anvil;
import io.restassured.http.ContentType;

/**
 * Three probe-service instances as three regions (own {@code DOWNTIME_REGION}, own database) and one
 * incident-service, all real processes, against one real Anvil chain probed through two providers (two target
 * URLs): every region's signals reach incident-service, and halting the chain yields {@code DOWN} with reason
 * {@code chain_halted} (the chain, not a node) from every region.
 */
class ThreeRegionProbeIT {

    private static final String NAME = "threeregion";
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-south-1");
    private static final String SERVICE = "l2-rpc";

    private static final String HOST = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("PGPORT", "5432");
    private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PGPASSWORD", "");

    private static ServiceProcess incident;
    private static final Map<String, ServiceProcess> probes = new HashMap<>();
    private static Anvil chain;

    private static String db(String service) {
        return "downtime_st_" + NAME + "_" + service;
    }

    private static List<String> databases() {
        return List.of(db("incident"), db("probe_eu"), db("probe_us"), db("probe_ap"));
    }

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER,
                PASSWORD); Statement s = c.createStatement()) {
            for (String db : databases()) {
                s.execute("drop database if exists " + db + " with (force)");
                s.execute("create database " + db);
            }
        }
        chain = Anvil.start();
        int incidentPort = Anvil.freePort();
        incident = new ServiceProcess("incident-service", incidentPort,
                Map.of("DOWNTIME_INCIDENT_DB", db("incident")), NAME + "-incident").start();
        List<String> dbs = List.of(db("probe_eu"), db("probe_us"), db("probe_ap"));
        for (int i = 0; i < REGIONS.size(); i++) {
            String region = REGIONS.get(i);
            probes.put(region, new ServiceProcess("probe-service", Anvil.freePort(),
                    Map.of("DOWNTIME_PROBE_DB", dbs.get(i), "DOWNTIME_INCIDENT_URL", incident.url(),
                            "DOWNTIME_REGION", region, "DOWNTIME_PROBE_HEARTBEAT_INTERVAL", "1s"),
                    NAME + "-probe-" + region).start());
        }
    }

    @AfterAll
    static void stop() {
        probes.values().forEach(ServiceProcess::close);
        if (incident != null) {
            incident.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private static void register(ServiceProcess probe, String name, String url) {
        given().baseUri(probe.url()).contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","service":"%s","kind":"evm-node","url":"%s","intervalSeconds":1,"timeoutMs":800,
                         "failureThreshold":2,"successThreshold":2,"evm":{"chainId":31337,"maxHeadAgeSeconds":4}}"""
                        .formatted(name, SERVICE, url))
                .post("/api/v1/targets").then().statusCode(201);
    }

    /** Regions whose signal of {@code target} with this state and reason incident-service stored. */
    private static Set<String> regionsWith(String target, String state, String reason) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + db("incident"),
                USER, PASSWORD);
                PreparedStatement q = c.prepareStatement(
                        "select distinct region from region_signal where target = ? and state = ? and reason = ?")) {
            q.setString(1, target);
            q.setString(2, state);
            q.setString(3, reason);
            Set<String> out = new TreeSet<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    @Test
    void everyRegionReportsAndAHaltedChainIsChainHaltedFromEveryRegion() {
        // two providers of the same chain (in production two RPC vendors; here two URLs of one node)
        for (ServiceProcess probe : probes.values()) {
            register(probe, "provider-a", "http://127.0.0.1:" + chain.port());
            register(probe, "provider-b", "http://localhost:" + chain.port());
        }
        Set<String> all = new TreeSet<>(REGIONS);
        await("UP from every region").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> regionsWith("provider-a", "UP", "ok").equals(all)
                        && regionsWith("provider-b", "UP", "ok").equals(all));

        chain.halt();
        await("chain_halted from every region").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> regionsWith("provider-a", "DOWN", "chain_halted").equals(all)
                        && regionsWith("provider-b", "DOWN", "chain_halted").equals(all));
        // incident-service opens one incident for the service from the quorum of regions
        await("incident").atMost(Duration.ofSeconds(30)).until(() -> !given().baseUri(incident.url())
                .queryParam("service", SERVICE).get("/api/v1/incidents").jsonPath().getList("$").isEmpty());
        List<Map<String, Object>> incidents = given().baseUri(incident.url()).queryParam("service", SERVICE)
                .get("/api/v1/incidents").jsonPath().getList("$");
        assertEquals(1, incidents.size(), incidents.toString());
        assertEquals("chain_halted", incidents.get(0).get("reason"));
        for (ServiceProcess probe : probes.values()) {
            assertTrue(given().baseUri(probe.managementUrl()).get("/q/metrics").asString()
                    .contains("evm_head_age_seconds{kind=\"evm-node\""));
        }
    }
}
