package io.downtime.incident.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Incidents. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepository<Incident> {

    /** @return the open (not RESOLVED) incident with this dedup key, locked for update; null when none */
    public Uni<Incident> findOpenByDedupKeyForUpdate(String dedupKey) {
        return find("dedupKey = ?1 and status <> ?2", dedupKey, IncidentStatus.RESOLVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** @return the incident locked for update until the transaction ends; null when unknown */
    public Uni<Incident> findByIdForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Incidents newest first (by {@code detectedAt}, then id).
     *
     * @param service only this service when not null
     * @param status only this status when not null
     * @param limit at most this many, at least 1
     * @param scope only incidents of these services when not null (the caller's object-level scope; empty: none)
     */
    public Uni<List<Incident>> search(String service, IncidentStatus status, int limit, java.util.Set<String> scope) {
        if (scope != null && scope.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (scope != null) {
            where.add("service in :scope");
            params.put("scope", scope);
        }
        if (service != null) {
            where.add("service = :service");
            params.put("service", service);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status);
        }
        Sort sort = Sort.descending("detectedAt", "id");
        var query = where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, params);
        return query.range(0, limit - 1).list();
    }

    /** @return incidents of {@code service} detected in {@code [from, to)}, by detection time */
    public Uni<List<Incident>> detectedBetween(String service, java.time.Instant from, java.time.Instant to) {
        return list("service = ?1 and detectedAt >= ?2 and detectedAt < ?3", Sort.ascending("detectedAt", "id"), service,
                from, to);
    }

    /** @return open incidents of {@code service}, any dedup key */
    public Uni<List<Incident>> openOf(String service) {
        return list("service = ?1 and status <> ?2", Sort.ascending("id"), service, IncidentStatus.RESOLVED);
    }

    /** @return number of open incidents per severity (lower case); severities without one are absent */
    public Uni<Map<String, Long>> openCountBySeverity() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select severity, count(*) from incident where status <> 'RESOLVED' group by severity",
                        Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        counts.put((String) row[0], ((Number) row[1]).longValue());
                    }
                    return counts;
                });
    }

    /** @return open incidents of these services that are not linked to a root incident, locked for update */
    public Uni<List<Incident>> openUnlinkedForUpdate(java.util.Collection<String> services) {
        return find("service in ?1 and status <> ?2 and rootIncidentId is null", Sort.ascending("id"), services,
                IncidentStatus.RESOLVED).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
