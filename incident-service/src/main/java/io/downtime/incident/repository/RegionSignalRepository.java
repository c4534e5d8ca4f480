package io.downtime.incident.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.Signal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code region_signal} table: every signal ever received, once per id. Written with native SQL so that the
 * primary key, not memory, decides which delivery of a signal is the first.
 */
@ApplicationScoped
public class RegionSignalRepository {

    /** Name of the primary-key constraint that makes signal delivery idempotent. */
    public static final String PRIMARY_KEY = "region_signal_pkey";

    private static final String INSERT = """
            insert into region_signal (id, region, target, target_id, service, kind, state, reason, evidence,
                                       observed_at, confirmed_at, received_at, applied)
            values (:id, :region, :target, :targetId, :service, :kind, :state, :reason,
                    cast(cast(:evidence as text) as jsonb), :observedAt, :confirmedAt, :receivedAt, false)
            on conflict (id) do nothing
            """;

    /**
     * Stores the signal unless its id is already stored. A concurrent insert of the same id in another transaction
     * waits for that transaction and then inserts nothing.
     *
     * @param signal the signal
     * @param receivedAt server time of reception
     * @return true when stored now, false when the id was already stored (a duplicate delivery)
     */
    public Uni<Boolean> insertIfAbsent(Signal signal, Instant receivedAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", signal.id())
                        .setParameter("region", signal.region())
                        .setParameter("target", signal.target())
                        .setParameter("targetId", signal.targetId())
                        .setParameter("service", signal.service())
                        .setParameter("kind", signal.kind())
                        .setParameter("state", signal.state().name())
                        .setParameter("reason", signal.reason())
                        .setParameter("evidence", signal.evidenceJson())
                        .setParameter("observedAt", signal.observedAt())
                        .setParameter("confirmedAt", signal.confirmedAt())
                        .setParameter("receivedAt", receivedAt)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Marks a stored signal as applied to its (target, region) state. */
    public Uni<Void> markApplied(UUID id) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("update region_signal set applied = true where id = :id")
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Settles pending signals: none of {@code ids} is pending any more, and those of {@code applied} were applied to
     * their (target, region) state (the others were not: older than the stored state).
     *
     * @param ids the signals to settle; nothing happens when empty
     * @param applied those of them that were applied
     */
    public Uni<Void> settle(Collection<UUID> ids, Collection<UUID> applied) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery(
                                """
                                        update region_signal
                                           set pending = false,
                                               applied = id in (select cast(value as uuid) from jsonb_array_elements_text(cast(cast(:applied as text) as jsonb)))
                                         where id in (select cast(value as uuid) from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)))
                                        """)
                        .setParameter("ids", JsonParams.strings(ids))
                        .setParameter("applied", JsonParams.strings(applied))
                        .executeUpdate())
                .replaceWithVoid();
    }
}
