package io.downtime.incident.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.downtime.incident.domain.Outage;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Outages. */
@ApplicationScoped
public class OutageRepository implements PanacheRepository<Outage> {

    /** @return the open outage of the service (no end), locked for update; null when the service is up */
    public Uni<Outage> findOpen(String service) {
        return find("service = ?1 and endedAt is null", service).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** @return the closed outage of the service that ended last, locked for update; null when there is none */
    public Uni<Outage> findLastClosed(String service) {
        return find("service = ?1 and endedAt is not null", Sort.descending("endedAt", "id"), service)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /**
     * @return the latest end of a closed outage of the service other than {@code excludedId}; null when there is
     *         none
     */
    public Uni<Instant> lastEndExcept(String service, long excludedId) {
        return find("service = ?1 and endedAt is not null and id <> ?2", Sort.descending("endedAt"), service, excludedId)
                .firstResult()
                .map(o -> o == null ? null : o.endedAt);
    }

    /**
     * Outages of the service overlapping {@code [from, to)}: started before {@code to} and not ended by
     * {@code from}, ordered by start.
     */
    public Uni<List<Outage>> overlapping(String service, Instant from, Instant to) {
        return list("service = ?1 and startedAt < ?3 and (endedAt is null or endedAt > ?2)",
                Sort.ascending("startedAt", "id"), service, from, to);
    }

    /** Sets the cause of every outage of the incident (a human changed the incident's cause). */
    public Uni<Integer> setCauseOfIncident(long incidentId, io.downtime.incident.domain.Cause cause) {
        return update("cause = ?1 where incidentId = ?2", cause, incidentId);
    }

    /** @return the open outage of the service without locking it (read by dependents); null when up */
    public Uni<Outage> findOpenUnlocked(String service) {
        return find("service = ?1 and endedAt is null", service).firstResult();
    }

    /** @return the open outages (no end) of these services, not locked (the caller holds the services' locks) */
    public Uni<List<Outage>> listOpen(java.util.Collection<String> services) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select * from outage
                         where ended_at is null
                           and service in (select value from jsonb_array_elements_text(cast(cast(:names as text) as jsonb)))
                        """, Outage.class)
                        .setParameter("names", JsonParams.strings(services))
                        .getResultList());
    }

    /**
     * @param services service names
     * @return per service with a closed outage: the end of its latest one (services without are absent)
     */
    public Uni<java.util.Map<String, Instant>> lastEnds(java.util.Collection<String> services) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select service, cast(extract(epoch from max(ended_at)) * 1000000 as bigint)
                          from outage
                         where ended_at is not null
                           and service in (select value from jsonb_array_elements_text(cast(cast(:names as text) as jsonb)))
                         group by service
                        """, Object[].class)
                        .setParameter("names", JsonParams.strings(services))
                        .getResultList())
                .map(rows -> {
                    java.util.Map<String, Instant> ends = new java.util.HashMap<>();
                    rows.forEach(row -> ends.put((String) row[0],
                            TargetRegionStateRepository.micros(((Number) row[1]).longValue())));
                    return ends;
                });
    }

    /**
     * The open outage of a service in one statement, as the caller's transaction sees it (its own writes included,
     * once flushed): id, start, the targets recorded as down during it, and the end of the service's latest closed
     * outage.
     *
     * @return null when the service has no open outage
     */
    public Uni<SignalStore.OpenOutage> findOpenWithTargets(String service) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select o.id, cast(extract(epoch from o.started_at) * 1000000 as bigint), t.target,
                               cast(extract(epoch from e.last_end) * 1000000 as bigint)
                          from outage o
                         cross join lateral (select max(c.ended_at) as last_end from outage c
                                              where c.service = o.service and c.ended_at is not null) e
                          left join outage_target t on t.outage_id = o.id
                         where o.ended_at is null and o.service = :service
                        """, Object[].class)
                        .setParameter("service", service)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] first = rows.get(0);
                    java.util.Set<String> targets = new java.util.HashSet<>();
                    rows.forEach(row -> {
                        if (row[2] != null) {
                            targets.add((String) row[2]);
                        }
                    });
                    return new SignalStore.OpenOutage(((Number) first[0]).longValue(), service,
                            TargetRegionStateRepository.micros(((Number) first[1]).longValue()), targets,
                            first[3] == null ? null : TargetRegionStateRepository.micros(((Number) first[3]).longValue()));
                });
    }
}
