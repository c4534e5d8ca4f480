package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.domain.TimelineEntry;
import io.downtime.incident.domain.TimelineType;
import io.downtime.incident.repository.IncidentRepository;
import io.downtime.incident.repository.TimelineRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Incident queries and manual lifecycle transitions. A manual transition never touches outages: an outage is
 * measured from probe data only, so resolving an incident by hand does not end it.
 */
@ApplicationScoped
public class IncidentService {

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, TimelineRepository timeline, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * Incidents newest first (by {@code detectedAt}).
     *
     * @param service only this service when not null
     * @param status only this status when not null
     * @param limit at most this many (≥ 1)
     */
    @WithSession
    public Uni<List<Incident>> search(String service, IncidentStatus status, int limit) {
        return incidents.search(service, status, limit);
    }

    /**
     * One incident with its timeline.
     *
     * @throws ProblemException 404 (as a failed {@code Uni}) when the id is unknown
     */
    @WithSession
    public Uni<IncidentWithTimeline> get(long id) {
        return incidents.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .chain(this::withTimeline);
    }

    /**
     * Moves an incident to {@code next} ({@code ACKNOWLEDGED}, {@code MITIGATED} or {@code RESOLVED}), sets the
     * matching time to now and appends a timeline entry by {@code actor}.
     *
     * @param id incident id
     * @param next target status
     * @param actor who did it (non-blank)
     * @param note free text for the timeline, may be null
     * @throws ProblemException 404 unknown id, 409 when {@link IncidentStatus#canBecome} forbids the transition (both
     *         as a failed {@code Uni})
     */
    @WithTransaction
    public Uni<IncidentWithTimeline> transition(long id, IncidentStatus next, String actor, String note) {
        return incidents.findByIdForUpdate(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .chain(incident -> {
                    IncidentStatus previous = incident.status;
                    if (!previous.canBecome(next)) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "Incident " + id + " is " + previous + " and cannot become " + next + "."));
                    }
                    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
                    incident.status = next;
                    switch (next) {
                        case ACKNOWLEDGED -> incident.acknowledgedAt = now;
                        case MITIGATED -> incident.mitigatedAt = now;
                        case RESOLVED -> incident.resolvedAt = now;
                        default -> throw new IllegalArgumentException("not a manual transition: " + next);
                    }
                    String detail = previous + " -> " + next + (note == null || note.isBlank() ? "" : ": " + note);
                    return timeline.append(TimelineEntry.of(incident.id, now, actor, TimelineType.valueOf(next.name()), detail))
                            .chain(() -> withTimeline(incident));
                });
    }

    private Uni<IncidentWithTimeline> withTimeline(Incident incident) {
        return timeline.listByIncident(incident.id).map(entries -> new IncidentWithTimeline(incident, entries));
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Incident " + id + " does not exist.");
    }
}
