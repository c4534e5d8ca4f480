package io.downtime.systemtests.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.downtime.testsupport.Anvil;

/**
 * The whole system as real processes: probe-service, incident-service and sla-service on free ports, each on its
 * own fresh PostgreSQL database {@code downtime_st_<name>_<service>} (dropped and created at start), wired
 * probe → incident → sla; sla-service anchors reports on a separate Anvil chain.
 */
public final class Downtime implements AutoCloseable {

    public final ServiceProcess incident;
    public final ServiceProcess probe;
    public final ServiceProcess sla;
    /** The chain sla-service anchors reports on (its own Anvil, so tests can halt or kill theirs freely). */
    public final Anvil anchorChain;

    private Downtime(String name) {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        recreateDatabases(host, port, user, password, name);
        int incidentPort = Anvil.freePort();
        String incidentUrl = "http://127.0.0.1:" + incidentPort;
        this.incident = new ServiceProcess("incident-service", incidentPort,
                Map.of("DOWNTIME_INCIDENT_DB", db(name, "incident")), name + "-incident");
        this.probe = new ServiceProcess("probe-service", Anvil.freePort(),
                Map.of("DOWNTIME_PROBE_DB", db(name, "probe"), "DOWNTIME_INCIDENT_URL", incidentUrl,
                        "DOWNTIME_REGION", "st-" + name),
                name + "-probe");
        this.anchorChain = Anvil.start();
        this.sla = new ServiceProcess("sla-service", Anvil.freePort(),
                Map.of("DOWNTIME_SLA_DB", db(name, "sla"), "DOWNTIME_INCIDENT_URL", incidentUrl,
                        "DOWNTIME_SLA_ANCHOR_RPC_URL", anchorChain.url(), "DOWNTIME_SLA_ANCHOR_CHAIN_ID", "31337",
                        // Anvil's well-known dev account 0 (RECIPES.md), test-only
                        "DOWNTIME_SLA_ANCHOR_PRIVATE_KEY",
                        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
                name + "-sla");
    }

    /**
     * Creates fresh databases and starts the three services (incident first, so signals find it); when one fails
     * to start, whatever was started is stopped before the failure is rethrown.
     */
    public static Downtime start(String name) {
        Downtime d = new Downtime(name);
        try {
            d.incident.start();
            d.probe.start();
            d.sla.start();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private static String db(String name, String service) {
        return "downtime_st_" + name + "_" + service;
    }

    private static void recreateDatabases(String host, String port, String user, String password, String name) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                password);
                Statement s = c.createStatement()) {
            for (String service : new String[] { "probe", "incident", "sla" }) {
                s.execute("drop database if exists " + db(name, service) + " with (force)");
                s.execute("create database " + db(name, service));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the system-test databases", e);
        }
    }

    /**
     * A JDBC connection (PG* environment, as the services use) to the database of one service of the system started
     * as {@code Downtime.start(name)}: {@code service} is {@code probe}, {@code incident} or {@code sla}. For tests
     * that compare what the services stored; the caller closes it.
     */
    public static Connection connect(String name, String service) {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db(name, service), user,
                    password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + db(name, service), e);
        }
    }

    /**
     * Creates (dropped first) one more database {@code downtime_st_<name>_<service>}, e.g. for an extra
     * probe-service of another region started by the test.
     */
    public static void recreateDatabase(String name, String service) {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                password);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + db(name, service) + " with (force)");
            s.execute("create database " + db(name, service));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + db(name, service), e);
        }
    }

    /** The name of a database as {@link #recreateDatabase} and {@link #start} make it. */
    public static String databaseName(String name, String service) {
        return db(name, service);
    }

    @Override
    public void close() {
        probe.close();
        sla.close();
        incident.close();
        anchorChain.close();
    }
}
