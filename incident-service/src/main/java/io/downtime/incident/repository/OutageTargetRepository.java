package io.downtime.incident.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code outage_target} table: which targets were globally DOWN at some point of an outage. Only ever grows
 * while the outage is open (or reopened); read when it ends.
 */
@ApplicationScoped
public class OutageTargetRepository {

    /**
     * Records {@code targets} as down during the outage; targets already recorded are left alone.
     *
     * @param outageId a persisted outage
     * @param targets target names; nothing happens when empty
     */
    public Uni<Void> addAll(long outageId, Collection<String> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery(
                                """
                                        insert into outage_target (outage_id, target)
                                        select cast(:outageId as bigint), value from jsonb_array_elements_text(cast(cast(:targets as text) as jsonb)) order by 1
                                        on conflict do nothing
                                        """)
                        .setParameter("outageId", outageId)
                        .setParameter("targets", JsonParams.strings(targets))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** @return the targets recorded as down during the outage */
    public Uni<List<String>> list(long outageId) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select target from outage_target where outage_id = :outageId", String.class)
                        .setParameter("outageId", outageId)
                        .getResultList());
    }

    /** @return {@code [outage id (Long), target (String)]} rows of the targets recorded as down during these outages */
    public Uni<List<Object[]>> listOf(java.util.Collection<Long> outageIds) {
        if (outageIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select outage_id, target from outage_target
                         where outage_id in (select cast(value as bigint)
                                               from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)))
                        """, Object[].class)
                        .setParameter("ids", JsonParams.strings(outageIds))
                        .getResultList());
    }
}
