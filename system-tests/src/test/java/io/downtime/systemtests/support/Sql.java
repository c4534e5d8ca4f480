package io.downtime.systemtests.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Small JDBC reads the system tests compare across services' databases (outbox ledger vs stored signals). */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row of {@code sql} as a long (a {@code count(*)}, a max). */
    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The first column of every row of {@code sql}, as text. */
    public static Set<String> ids(Connection c, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    /** {@code a} without {@code b}, sorted (for assertion messages). */
    public static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
