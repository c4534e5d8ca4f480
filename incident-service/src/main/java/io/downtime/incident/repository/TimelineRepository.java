package io.downtime.incident.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Append-only incident timelines: entries are only ever persisted and read. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    /** Appends an entry. */
    public Uni<TimelineEntry> append(TimelineEntry entry) {
        return persist(entry);
    }

    /** @return the incident's timeline, oldest first */
    public Uni<List<TimelineEntry>> listByIncident(long incidentId) {
        return list("incidentId", Sort.ascending("occurredAt", "id"), incidentId);
    }
}
