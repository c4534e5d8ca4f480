package io.downtime.incident.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetRegionKey;
import io.downtime.incident.domain.TargetRegionState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Latest state per (target, region). */
@ApplicationScoped
public class TargetRegionStateRepository implements PanacheRepositoryBase<TargetRegionState, TargetRegionKey> {

    /**
     * The rule of every write of a (target, region) state, appended to an {@code insert into target_region_state}: the
     * row with the later {@code confirmed_at} wins, so an out-of-order delivery never overwrites a newer state.
     */
    public static final String NEWER_WINS = """
            on conflict (target, region) do update
               set service = excluded.service, state = excluded.state, reason = excluded.reason,
                   signal_id = excluded.signal_id, observed_at = excluded.observed_at,
                   confirmed_at = excluded.confirmed_at
             where target_region_state.confirmed_at < excluded.confirmed_at
            """;

    private static final String UPSERT_IF_NEWER = """
            insert into target_region_state (target, region, service, state, reason, signal_id, observed_at, confirmed_at)
            values (:target, :region, :service, :state, :reason, :signalId, :observedAt, :confirmedAt)
            """ + NEWER_WINS;

    /**
     * Makes the signal the latest state of its (target, region) unless a signal with the same or a later
     * {@code confirmedAt} is already applied (out-of-order delivery). Atomic in the database.
     *
     * @return true when applied, false when the signal is older than the stored state
     */
    public Uni<Boolean> applyIfNewer(Signal signal) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT_IF_NEWER)
                        .setParameter("target", signal.target())
                        .setParameter("region", signal.region())
                        .setParameter("service", signal.service())
                        .setParameter("state", signal.state().name())
                        .setParameter("reason", signal.reason())
                        .setParameter("signalId", signal.id())
                        .setParameter("observedAt", signal.observedAt())
                        .setParameter("confirmedAt", signal.confirmedAt())
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** @return the latest state of every (target, region) of the service */
    public Uni<List<TargetRegionState>> listByService(String service) {
        return list("service", service);
    }

    /** @return the services that {@code region} has a state of some target for */
    public Uni<List<String>> servicesReportedBy(String region) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select distinct service from target_region_state where region = :region order by 1",
                        String.class)
                .setParameter("region", region)
                .getResultList());
    }

    /** @return every region that has a state of some target, by name */
    public Uni<List<String>> regions() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select distinct region from target_region_state order by 1", String.class)
                .getResultList());
    }

    private static final String UPSERT_ALL_IF_NEWER = """
            insert into target_region_state (target, region, service, state, reason, signal_id, observed_at, confirmed_at)
            select x.target, x.region, x.service, x.state, x.reason, x.signal_id, x.observed_at, x.confirmed_at
              from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                   as x(target text, region text, service text, state text, reason text, signal_id uuid,
                        observed_at timestamptz, confirmed_at timestamptz)
             order by x.target, x.region
            """ + NEWER_WINS;

    /**
     * {@link #applyIfNewer(Signal)} for many (target, region) pairs in one statement, in (target, region) order.
     *
     * @param rowsJson JSON array of objects {@code target, region, service, state, reason, signal_id, observed_at,
     *        confirmed_at}, at most one per (target, region)
     */
    public Uni<Void> upsertAllIfNewer(String rowsJson) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT_ALL_IF_NEWER)
                        .setParameter("rows", rowsJson)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The latest state of every (target, region) of these services or targets, as detached copies: read with native
     * SQL, so that nothing enters the session (the batch path reads hundreds of rows per transaction and keeps them in
     * memory; managed entities would cost a dirty check each at every flush).
     *
     * @param services service names
     * @param targets target names
     */
    public Uni<List<TargetRegionState>> listDetached(java.util.Collection<String> services,
            java.util.Collection<String> targets) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select target, region, service, state, reason, signal_id,
                               cast(extract(epoch from observed_at) * 1000000 as bigint),
                               cast(extract(epoch from confirmed_at) * 1000000 as bigint)
                          from target_region_state
                         where service in (select value from jsonb_array_elements_text(cast(cast(:services as text) as jsonb)))
                            or target in (select value from jsonb_array_elements_text(cast(cast(:targets as text) as jsonb)))
                        """, Object[].class)
                        .setParameter("services", JsonParams.strings(services))
                        .setParameter("targets", JsonParams.strings(targets))
                        .getResultList())
                .map(rows -> rows.stream().map(TargetRegionStateRepository::detached).toList());
    }

    private static TargetRegionState detached(Object[] row) {
        TargetRegionState s = new TargetRegionState();
        s.target = (String) row[0];
        s.region = (String) row[1];
        s.service = (String) row[2];
        s.state = io.downtime.incident.domain.TargetState.valueOf((String) row[3]);
        s.reason = (String) row[4];
        s.signalId = row[5] instanceof java.util.UUID id ? id : java.util.UUID.fromString(String.valueOf(row[5]));
        s.observedAt = micros(((Number) row[6]).longValue());
        s.confirmedAt = micros(((Number) row[7]).longValue());
        return s;
    }

    /** @return the instant {@code micros} microseconds after the epoch (PostgreSQL's timestamp precision) */
    static java.time.Instant micros(long micros) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
