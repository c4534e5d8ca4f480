package io.downtime.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row count and content checksum of every table of a PostgreSQL database, read over JDBC, to prove that a test (e.g.
 * {@link ApiFuzzer}) changed nothing: per table {@code select count(*), md5(string_agg(t::text, ',' order by t::text))}.
 * Needs a PostgreSQL JDBC driver on the class path (every service has {@code quarkus-jdbc-postgresql} for Flyway).
 */
public final class DbSnapshot {

    private DbSnapshot() {
    }

    /**
     * {@code "schema.table" -> "<rows>:<md5>"} for every base table outside the system schemas, except those named in
     * {@code ignored} (e.g. tables a background job writes on its own).
     */
    public static Map<String, String> take(String jdbcUrl, String user, String password, String... ignored) {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password == null ? "" : password);
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_schema, table_name from information_schema.tables "
                    + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
                }
            }
            for (String table : tables) {
                if (List.of(ignored).stream().anyMatch(table::contains)) {
                    continue;
                }
                try (ResultSet rs = st
                        .executeQuery("select count(*), md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from "
                                + table + " t")) {
                    rs.next();
                    result.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot snapshot " + jdbcUrl, e);
        }
        return result;
    }
}
