package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.security.ServiceScope;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.domain.TimelineEntry;
import io.downtime.incident.domain.TimelineType;
import io.downtime.incident.repository.IncidentRepository;
import io.downtime.incident.repository.OutageRepository;
import io.downtime.incident.repository.TimelineRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Incident queries and manual lifecycle transitions. A manual transition never touches outages: an outage is
 * measured from probe data only, so resolving an incident by hand does not end it.
 * <p>
 * Every method takes the caller's {@link ServiceScope} (OWASP API1): lists hold only incidents of services in it
 * (filtered in SQL, before the limit), and an incident of another service is answered exactly like an unknown id
 * (404 problem+json), for reads and changes alike.
 */
@ApplicationScoped
public class IncidentService {

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final Clock clock;
    private final OutageRepository outages;
    private final IncidentMetrics metrics;
    private final ObjectMapper json;

    public IncidentService(IncidentRepository incidents, TimelineRepository timeline, Clock clock,
            OutageRepository outages, IncidentMetrics metrics, ObjectMapper json) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.clock = clock;
        this.outages = outages;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Incidents newest first (by {@code detectedAt}).
     *
     * @param service only this service when not null
     * @param status only this status when not null
     * @param limit at most this many (≥ 1)
     * @param scope only incidents of services in it (an unrestricted scope: all)
     */
    @WithSession
    public Uni<List<Incident>> search(String service, IncidentStatus status, int limit, ServiceScope scope) {
        if (service != null && !scope.allows(service)) {
            return Uni.createFrom().item(List.of());
        }
        return incidents.search(service, status, limit, scope.services().orElse(null));
    }

    /**
     * One incident with its timeline.
     *
     * @throws ProblemException 404 (as a failed {@code Uni}) when the id is unknown or its service outside
     *         {@code scope}
     */
    @WithSession
    public Uni<IncidentWithTimeline> get(long id, ServiceScope scope) {
        return incidents.findById(id)
                .map(incident -> visible(incident, id, scope))
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
     * @param scope the caller's scope ({@link ServiceScope#unrestricted()} for integrations)
     * @throws ProblemException 404 unknown id or service outside {@code scope}, 409 when {@link IncidentStatus#canBecome}
     *         forbids the transition (both
     *         as a failed {@code Uni})
     */
    @WithTransaction
    public Uni<IncidentWithTimeline> transition(long id, IncidentStatus next, String actor, String note,
            ServiceScope scope) {
        return incidents.findByIdForUpdate(id)
                .map(incident -> visible(incident, id, scope))
                .chain(incident -> {
                    IncidentStatus previous = incident.status;
                    if (!previous.canBecome(next)) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "Incident " + id + " is " + previous + " and cannot become " + next + "."));
                    }
                    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
                    incident.status = next;
                    switch (next) {
                        case ACKNOWLEDGED -> {
                            incident.acknowledgedAt = now;
                            metrics.acknowledged(incident);
                        }
                        case MITIGATED -> incident.mitigatedAt = now;
                        case RESOLVED -> {
                            incident.resolvedAt = now;
                            metrics.resolved(incident);
                        }
                        default -> throw new IllegalArgumentException("not a manual transition: " + next);
                    }
                    String detail = previous + " -> " + next + (note == null || note.isBlank() ? "" : ": " + note);
                    return timeline.append(TimelineEntry.of(incident.id, now, actor, TimelineType.valueOf(next.name()), detail))
                            .chain(() -> withTimeline(incident));
                });
    }

    /**
     * Appends a note to the timeline (any status, resolved included).
     *
     * @throws ProblemException 404 unknown id or service outside {@code scope} (failed Uni)
     */
    @WithTransaction
    public Uni<IncidentWithTimeline> note(long id, String actor, String text, ServiceScope scope) {
        return incidents.findByIdForUpdate(id)
                .map(incident -> visible(incident, id, scope))
                .chain(incident -> timeline.append(TimelineEntry.of(id, now(), actor, TimelineType.NOTE, text))
                        .chain(() -> withTimeline(incident)));
    }

    /**
     * Applies human edits; each changed field gets a timeline entry by {@code actor} ({@code old -> new}); unchanged
     * values are not recorded. After the edit: {@code startedAt ≤ endedAt}, {@code startedAt ≤ detectedAt ≤
     * acknowledgedAt} (so MTTD and MTTA stay non-negative).
     *
     * @throws ProblemException 404 unknown id or service outside {@code scope}; 422 when the times would contradict each other
     *         or
     *         {@code acknowledgedAt} is set on an incident never acknowledged (failed Uni, nothing changed)
     */
    @WithTransaction
    public Uni<IncidentWithTimeline> update(long id, String actor, IncidentChanges changes, ServiceScope scope) {
        return incidents.findByIdForUpdate(id)
                .map(incident -> visible(incident, id, scope))
                .chain(incident -> {
                    Instant now = now();
                    if (changes.acknowledgedAt() != null && incident.acknowledgedAt == null) {
                        throw ProblemException.unprocessable("acknowledgedAt: incident " + id + " was never acknowledged.");
                    }
                    Instant started = or(changes.startedAt(), incident.startedAt);
                    Instant ended = or(changes.endedAt(), incident.endedAt);
                    Instant detected = or(changes.detectedAt(), incident.detectedAt);
                    Instant acknowledged = or(changes.acknowledgedAt(), incident.acknowledgedAt);
                    if (ended != null && ended.isBefore(started)) {
                        throw ProblemException.unprocessable("endedAt (" + ended + ") is before startedAt (" + started + ").");
                    }
                    if (detected.isBefore(started)) {
                        throw ProblemException.unprocessable(
                                "detectedAt (" + detected + ") is before startedAt (" + started + "): MTTD would be negative.");
                    }
                    if (acknowledged != null && acknowledged.isBefore(detected)) {
                        throw ProblemException.unprocessable("acknowledgedAt (" + acknowledged + ") is before detectedAt ("
                                + detected + "): MTTA would be negative.");
                    }
                    List<TimelineEntry> entries = new ArrayList<>();
                    if (changes.severity() != null) {
                        String severity = changes.severity().name().toLowerCase(Locale.ROOT);
                        if (!severity.equals(incident.severity)) {
                            entries.add(TimelineEntry.of(id, now, actor, TimelineType.SEVERITY_CHANGED,
                                    "severity: " + incident.severity + " -> " + severity));
                            incident.severity = severity;
                        }
                    }
                    if (changes.assignee() != null) {
                        String assignee = changes.assignee().isBlank() ? null : changes.assignee().strip();
                        if (!Objects.equals(assignee, incident.assignee)) {
                            entries.add(TimelineEntry.of(id, now, actor, TimelineType.ASSIGNED,
                                    "assignee: " + incident.assignee + " -> " + assignee));
                            incident.assignee = assignee;
                        }
                    }
                    Uni<Integer> outageUpdate = Uni.createFrom().item(0);
                    if (changes.cause() != null && (changes.cause() != incident.cause
                            || !Incident.CAUSE_HUMAN.equals(incident.causeSource))) {
                        entries.add(TimelineEntry.of(id, now, actor, TimelineType.CAUSE_CHANGED,
                                "cause: " + incident.cause + " (" + incident.causeSource.toLowerCase(Locale.ROOT) + ") -> "
                                        + changes.cause() + " (human)"));
                        incident.cause = changes.cause();
                        incident.causeSource = Incident.CAUSE_HUMAN;
                        outageUpdate = outages.setCauseOfIncident(id, changes.cause());
                    }
                    timeEdit(entries, id, now, actor, "startedAt", incident.startedAt, changes.startedAt());
                    timeEdit(entries, id, now, actor, "endedAt", incident.endedAt, changes.endedAt());
                    timeEdit(entries, id, now, actor, "detectedAt", incident.detectedAt, changes.detectedAt());
                    timeEdit(entries, id, now, actor, "acknowledgedAt", incident.acknowledgedAt, changes.acknowledgedAt());
                    incident.startedAt = started;
                    incident.endedAt = ended;
                    incident.detectedAt = detected;
                    incident.acknowledgedAt = acknowledged;
                    return outageUpdate.chain(() -> appendAll(entries)).chain(() -> withTimeline(incident));
                });
    }

    /**
     * Writes or replaces the postmortem of a RESOLVED incident (timeline {@code POSTMORTEM_UPDATED}).
     *
     * @throws ProblemException 404 unknown id or service outside {@code scope}; 409 while the incident is not RESOLVED (failed
     *         Uni)
     */
    @WithTransaction
    public Uni<IncidentWithTimeline> postmortem(long id, String actor, Postmortem postmortem, ServiceScope scope) {
        return incidents.findByIdForUpdate(id)
                .map(incident -> visible(incident, id, scope))
                .chain(incident -> {
                    if (incident.status != IncidentStatus.RESOLVED) {
                        return Uni.createFrom().failure(ProblemException.conflict("Incident " + id + " is "
                                + incident.status + ": a postmortem can be written once it is RESOLVED."));
                    }
                    Instant now = now();
                    boolean first = incident.postmortem == null;
                    try {
                        incident.postmortem = json.writeValueAsString(postmortem);
                    } catch (JsonProcessingException e) {
                        return Uni.createFrom().failure(e);
                    }
                    incident.postmortemUpdatedAt = now;
                    return timeline.append(TimelineEntry.of(id, now, actor, TimelineType.POSTMORTEM_UPDATED,
                            (first ? "postmortem written" : "postmortem edited") + ": " + abbreviate(postmortem.summary())))
                            .chain(() -> withTimeline(incident));
                });
    }

    /** @return the stored postmortem of an incident, null when none */
    public Postmortem postmortemOf(Incident incident) {
        if (incident.postmortem == null) {
            return null;
        }
        try {
            return json.readValue(incident.postmortem, Postmortem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable postmortem of incident " + incident.id, e);
        }
    }

    private Uni<Void> appendAll(List<TimelineEntry> entries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TimelineEntry e : entries) {
            chain = chain.chain(() -> timeline.append(e)).replaceWithVoid();
        }
        return chain;
    }

    private static void timeEdit(List<TimelineEntry> entries, long id, Instant now, String actor, String field, Instant old,
            Instant changed) {
        if (changed != null && !changed.equals(old)) {
            entries.add(TimelineEntry.of(id, now, actor, TimelineType.TIME_EDITED, field + ": " + old + " -> " + changed));
        }
    }

    private static Instant or(Instant changed, Instant old) {
        return changed != null ? changed : old;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<IncidentWithTimeline> withTimeline(Incident incident) {
        return timeline.listByIncident(incident.id).map(entries -> new IncidentWithTimeline(incident, entries));
    }

    /** @return {@code incident}; 404 when null or of a service outside {@code scope} (the same answer) */
    private static Incident visible(Incident incident, long id, ServiceScope scope) {
        if (incident == null) {
            throw notFound(id);
        }
        scope.requireVisible(incident.service, () -> notFound(id));
        return incident;
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Incident " + id + " does not exist.");
    }
}
