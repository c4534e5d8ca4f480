package io.downtime.incident.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.RegionHeartbeat;
import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetRegionState;
import io.downtime.incident.domain.TargetState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of the signal batch's common case ({@code SignalIngest}), on the Vert.x reactive PostgreSQL client in
 * the caller's transaction ({@link SqlConnection}), without a Hibernate session: a batch runs about ten of them for up
 * to hundreds of signals, and Hibernate Reactive's per-statement work (query plan cache, result mapping, session) was
 * over a third of incident-service's CPU in the signals benchmark (async-profiler, issue 7). Lists are bound as
 * PostgreSQL arrays ({@code = any($1)}, {@code unnest}); every statement text is constant, so the pool's prepared
 * statement cache parses each once per connection. Callers send independent statements together ({@code
 * Uni.combine()}): the client pipelines them on the connection and PostgreSQL runs them in the order sent, so a batch
 * waits for about three round trips instead of one per statement.
 * <p>
 * Lock order is the one of signal processing (see {@code SignalIngest}): {@code service} rows by name, then
 * {@code region_signal} rows by id, then {@code target_region_state} rows by (target, region).
 */
@ApplicationScoped
public class SignalStore {

    private static final String STORED = "select id from region_signal where id = any($1)";

    private static final String CREATE_SERVICES = """
            insert into service (name) select n from unnest($1::text[]) as n order by 1 on conflict do nothing
            """;

    private static final String LOCK_SERVICES = """
            select name, components from service where name = any($1) order by name for no key update
            """;

    private static final String HEARTBEATS = "select region, instance, received_at, interval_seconds from region_heartbeat";

    private static final String STATES = """
            select target, region, service, state, reason, signal_id, observed_at, confirmed_at
              from target_region_state
             where service = any($1) or target = any($2)
            """;

    private static final String OPEN_OUTAGES = """
            select o.id, o.service, o.started_at, t.target, e.last_end
              from outage o
             cross join lateral (select max(c.ended_at) as last_end from outage c
                                  where c.service = o.service and c.ended_at is not null) e
              left join outage_target t on t.outage_id = o.id
             where o.ended_at is null and o.service = any($1)
            """;

    private static final String INSERT_SIGNALS = """
            insert into region_signal (id, region, target, target_id, service, kind, state, reason, evidence,
                                       observed_at, confirmed_at, received_at, applied, pending)
            select x.id, x.region, x.target, x.target_id, x.service, x.kind, x.state, x.reason, cast(x.evidence as jsonb),
                   x.observed_at, x.confirmed_at, $12, x.applied, x.pending
              from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $13::boolean[], $14::boolean[])
                   as x(id, region, target, target_id, service, kind, state, reason, evidence, observed_at,
                        confirmed_at, applied, pending)
             order by x.id
            on conflict (id) do nothing
            returning id
            """;

    private static final String STILL_PENDING = "select id from region_signal where id = any($1) and pending";

    private static final String SETTLE = "update region_signal set pending = false, applied = id = any($2) where id = any($1)";

    private static final String PENDING_OF = """
            select id, region, target, target_id, service, kind, state, reason, cast(evidence as text), observed_at,
                   confirmed_at
              from region_signal
             where pending and service = any($1)
             order by received_at, confirmed_at, id
            """;

    /** For the rest of the transaction, index scans only where an index applies (see {@link #pendingOf}). */
    private static final String INDEX_SCAN_ONLY = """
            select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)
            """;

    /** Undoes {@link #INDEX_SCAN_ONLY} for the rest of the transaction. */
    private static final String ALL_SCANS = """
            select set_config('enable_bitmapscan', 'on', true), set_config('enable_seqscan', 'on', true)
            """;

    private static final String PENDING_BEFORE = """
            select id, region, target, target_id, service, kind, state, reason, cast(evidence as text), observed_at,
                   confirmed_at
              from region_signal
             where pending and received_at < $1
             order by received_at, confirmed_at, id
             limit $2
            """;

    private static final String UPSERT_STATES = """
            insert into target_region_state (target, region, service, state, reason, signal_id, observed_at, confirmed_at)
            select x.target, x.region, x.service, x.state, x.reason, x.signal_id, x.observed_at, x.confirmed_at
              from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[],
                          $8::timestamptz[])
                   as x(target, region, service, state, reason, signal_id, observed_at, confirmed_at)
             order by x.target, x.region
            """ + TargetRegionStateRepository.NEWER_WINS;

    private static final String ADD_OUTAGE_TARGETS = """
            insert into outage_target (outage_id, target)
            select $1::bigint, t from unnest($2::text[]) as t order by 1 on conflict do nothing
            """;

    /**
     * An open outage: id, service, start, the targets recorded as down during it, and the end of the service's latest
     * closed outage (null when none), the earliest instant its start can move back to.
     */
    public record OpenOutage(long id, String service, Instant startedAt, Set<String> targets, Instant lastEnd) {
    }

    /**
     * @param ids signal ids
     * @return those of {@code ids} already stored
     */
    public Uni<Set<UUID>> stored(SqlConnection conn, Collection<UUID> ids) {
        return conn.preparedQuery(STORED).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Set<UUID> stored = new HashSet<>();
            rows.forEach(row -> stored.add(row.getUUID(0)));
            return stored;
        });
    }

    /**
     * Creates the absent service rows, then locks all of them in name order ({@code for no key update}, which
     * foreign-key checks of other tables do not wait for), until the transaction ends.
     *
     * @param names service names, sorted
     * @return service name → its components (JSON text, null when never configured)
     */
    public Uni<Map<String, String>> lockServices(SqlConnection conn, Collection<String> names) {
        Tuple args = Tuple.of(names.toArray(String[]::new));
        // both sent at once: PostgreSQL runs the insert first
        return Uni.combine().all().unis(conn.preparedQuery(CREATE_SERVICES).execute(args),
                conn.preparedQuery(LOCK_SERVICES).execute(args)).with((created, locked) -> locked)
                .map(rows -> {
                    Map<String, String> components = new HashMap<>();
                    rows.forEach(row -> components.put(row.getString(0), row.getString(1)));
                    return components;
                });
    }

    /**
     * @return every region heartbeat (one per prober instance) as detached copies holding what liveness needs:
     *         region, instance, reception time and interval
     */
    public Uni<List<RegionHeartbeat>> heartbeats(SqlConnection conn) {
        return conn.preparedQuery(HEARTBEATS).execute().map(rows -> {
            List<RegionHeartbeat> beats = new ArrayList<>();
            rows.forEach(row -> {
                RegionHeartbeat beat = new RegionHeartbeat();
                beat.region = row.getString(0);
                beat.instance = row.getString(1);
                beat.receivedAt = instant(row, 2);
                beat.intervalSeconds = row.getInteger(3);
                beats.add(beat);
            });
            return beats;
        });
    }

    /**
     * @return the latest state of every (target, region) of these services or targets, as detached copies
     */
    public Uni<List<TargetRegionState>> states(SqlConnection conn, Collection<String> services,
            Collection<String> targets) {
        return conn.preparedQuery(STATES)
                .execute(Tuple.of(services.toArray(String[]::new), targets.toArray(String[]::new)))
                .map(rows -> {
                    List<TargetRegionState> states = new ArrayList<>();
                    rows.forEach(row -> {
                        TargetRegionState s = new TargetRegionState();
                        s.target = row.getString(0);
                        s.region = row.getString(1);
                        s.service = row.getString(2);
                        s.state = TargetState.valueOf(row.getString(3));
                        s.reason = row.getString(4);
                        s.signalId = row.getUUID(5);
                        s.observedAt = instant(row, 6);
                        s.confirmedAt = instant(row, 7);
                        states.add(s);
                    });
                    return states;
                });
    }

    /** @return the open outages of these services, with the targets recorded for each */
    public Uni<List<OpenOutage>> openOutages(SqlConnection conn, Collection<String> services) {
        return conn.preparedQuery(OPEN_OUTAGES).execute(Tuple.of(services.toArray(String[]::new))).map(rows -> {
            Map<Long, OpenOutage> open = new HashMap<>();
            rows.forEach(row -> {
                OpenOutage outage = open.computeIfAbsent(row.getLong(0),
                        id -> new OpenOutage(id, row.getString(1), instant(row, 2), new HashSet<>(), instant(row, 4)));
                String target = row.getString(3);
                if (target != null) {
                    outage.targets().add(target);
                }
            });
            return List.copyOf(open.values());
        });
    }

    /**
     * Stores signals in one statement, in id order, each unless its id is already stored.
     *
     * @param signals signals with distinct ids
     * @param applied per signal of {@code signals}: whether it was applied to its (target, region) state
     * @param pending per signal of {@code signals}: whether it is stored to be applied later (its service's outage is
     *        changing, see {@code SignalIngest#split}); {@code applied} is false for those
     * @param receivedAt server time of reception
     * @return the number of signals stored now (fewer than {@code signals} when another transaction stored one of the
     *         ids first)
     */
    public Uni<Integer> insert(SqlConnection conn, List<Signal> signals, List<Boolean> applied, List<Boolean> pending,
            Instant receivedAt) {
        int n = signals.size();
        UUID[] id = new UUID[n];
        String[] region = new String[n], target = new String[n], targetId = new String[n], service = new String[n],
                kind = new String[n], state = new String[n], reason = new String[n], evidence = new String[n];
        OffsetDateTime[] observed = new OffsetDateTime[n], confirmed = new OffsetDateTime[n];
        Boolean[] appliedFlags = applied.toArray(Boolean[]::new);
        Boolean[] pendingFlags = pending.toArray(Boolean[]::new);
        for (int i = 0; i < n; i++) {
            Signal s = signals.get(i);
            id[i] = s.id();
            region[i] = s.region();
            target[i] = s.target();
            targetId[i] = s.targetId();
            service[i] = s.service();
            kind[i] = s.kind();
            state[i] = s.state().name();
            reason[i] = s.reason();
            evidence[i] = s.evidenceJson();
            observed[i] = utc(s.observedAt());
            confirmed[i] = utc(s.confirmedAt());
        }
        Tuple args = Tuple.tuple(List.of(id, region, target, targetId, service, kind, state, reason, evidence, observed,
                confirmed, utc(receivedAt), appliedFlags, pendingFlags));
        return conn.preparedQuery(INSERT_SIGNALS).execute(args).map(rows -> rows.rowCount());
    }

    /**
     * @param ids signal ids
     * @return those of {@code ids} stored and still pending (not applied yet)
     */
    public Uni<Set<UUID>> stillPending(SqlConnection conn, Collection<UUID> ids) {
        return conn.preparedQuery(STILL_PENDING).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Set<UUID> pending = new HashSet<>();
            rows.forEach(row -> pending.add(row.getUUID(0)));
            return pending;
        });
    }

    /**
     * Settles pending signals: none of {@code ids} is pending any more, and those of {@code applied} were applied to
     * their (target, region) state (the others were older than the stored state).
     */
    public Uni<Void> settle(SqlConnection conn, Collection<UUID> ids, Collection<UUID> applied) {
        return conn.preparedQuery(SETTLE).execute(Tuple.of(ids.toArray(UUID[]::new), applied.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /**
     * Every pending signal of these services, oldest first (as {@link #pendingBefore} orders them). Sent as three
     * statements, in the caller's transaction: the planner is told to scan the partial index
     * {@code region_signal_pending_idx} with a plain index scan for this query only.
     * <p>
     * Why: a signal stops being pending by an update, which leaves its entry in the partial index until a vacuum,
     * and a table that only grows is rarely vacuumed. The planner's choice, a bitmap scan, visits the heap row of every
     * such entry at every read: after 30 s of the issue 7 flapping benchmark, 8,267 entries (nearly all of rows no
     * longer pending) for 7 services, 694 heap pages, 2.8 ms, and 5.5 s of PostgreSQL time in 28 s (the most of any
     * statement, {@code pg_stat_statements}). A plain index scan marks the entries of dead rows as such when it first
     * meets them (and PostgreSQL then removes them from the index page), so the next reads skip them: 4.0 ms once,
     * then 0.4 ms ({@code explain analyze}, same database).
     */
    public Uni<List<Signal>> pendingOf(SqlConnection conn, Collection<String> services) {
        Uni<RowSet<Row>> indexScan = conn.preparedQuery(INDEX_SCAN_ONLY).execute();
        Uni<List<Signal>> pending = conn.preparedQuery(PENDING_OF).execute(Tuple.of(services.toArray(String[]::new)))
                .map(SignalStore::signals);
        Uni<RowSet<Row>> reset = conn.preparedQuery(ALL_SCANS).execute();
        // subscribed, so sent, in this order on the connection
        return Uni.combine().all().unis(indexScan, pending, reset).asTuple().map(read -> read.getItem2());
    }

    /**
     * Pending signals received before {@code before}, oldest first: by reception time, then (within one batch, whose
     * arrival order is not stored) by confirmation time and id.
     *
     * @param limit at most this many
     */
    public Uni<List<Signal>> pendingBefore(SqlConnection conn, Instant before, int limit) {
        return conn.preparedQuery(PENDING_BEFORE).execute(Tuple.of(utc(before), limit)).map(SignalStore::signals);
    }

    private static List<Signal> signals(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Signal> out = new ArrayList<>();
        rows.forEach(row -> out.add(new Signal(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), TargetState.valueOf(row.getString(6)), row.getString(7),
                row.getString(8), instant(row, 9), instant(row, 10))));
        return out;
    }

    /**
     * Makes each signal the latest state of its (target, region) unless a signal with the same or a later
     * {@code confirmedAt} is stored there, in (target, region) order.
     *
     * @param latest at most one signal per (target, region)
     */
    public Uni<Void> upsertStates(SqlConnection conn, Collection<Signal> latest) {
        int n = latest.size();
        String[] target = new String[n], region = new String[n], service = new String[n], state = new String[n],
                reason = new String[n];
        UUID[] signalId = new UUID[n];
        OffsetDateTime[] observed = new OffsetDateTime[n], confirmed = new OffsetDateTime[n];
        int i = 0;
        for (Signal s : latest) {
            target[i] = s.target();
            region[i] = s.region();
            service[i] = s.service();
            state[i] = s.state().name();
            reason[i] = s.reason();
            signalId[i] = s.id();
            observed[i] = utc(s.observedAt());
            confirmed[i] = utc(s.confirmedAt());
            i++;
        }
        return conn.preparedQuery(UPSERT_STATES)
                .execute(Tuple.tuple(List.of(target, region, service, state, reason, signalId, observed, confirmed)))
                .replaceWithVoid();
    }

    /** Records targets as down during an open outage (each once). */
    public Uni<Void> addOutageTargets(SqlConnection conn, long outageId, Collection<String> targets) {
        return conn.preparedQuery(ADD_OUTAGE_TARGETS).execute(Tuple.of(outageId, targets.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
