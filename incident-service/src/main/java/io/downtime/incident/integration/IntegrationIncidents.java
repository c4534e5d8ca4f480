package io.downtime.incident.integration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.common.security.ServiceScope;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.domain.Severity;
import io.downtime.incident.domain.TimelineEntry;
import io.downtime.incident.domain.TimelineType;
import io.downtime.incident.repository.IncidentRepository;
import io.downtime.incident.repository.TimelineRepository;
import io.downtime.incident.service.IncidentService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Incidents opened, updated, acknowledged and resolved by events from integrations (PagerDuty Events API v2,
 * Alertmanager). They live in the same {@code incident} table and timeline as incidents opened by probe signals, under
 * the same rule: at most one open incident per dedup key (the partial unique index), a trigger after resolve opens a
 * new one. Integration dedup keys are namespaced ({@code pagerduty:…}, {@code alertmanager:…}) so that an event can
 * never touch an incident opened by probe signals ({@code service:…}).
 * <p>
 * Every method must run inside the caller's transaction.
 */
@ApplicationScoped
public class IntegrationIncidents {

    private static final Logger LOG = Logger.getLogger(IntegrationIncidents.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DEADLOCK_DETECTED = "40P01";
    /** The partial unique index of V1: one open incident per dedup key. */
    private static final String OPEN_DEDUP_KEY_INDEX = "incident_open_dedup_key_uq";
    private static final int REASON_MAX = 200;
    private static final int DETAIL_MAX = 4000;

    /** What an event did to the incidents. */
    public enum Change {
        /** A new incident was opened. */
        OPENED,
        /** The open incident of the dedup key recorded the trigger ({@link TimelineType#TRIGGER_ADDED}). */
        UPDATED,
        /** The event repeated what the open incident already shows: nothing written. */
        UNCHANGED,
        ACKNOWLEDGED,
        RESOLVED,
        /** Acknowledge/resolve of a dedup key without open incident, or not allowed in its status: dropped. */
        DROPPED
    }

    /** @param incidentId the incident concerned; null when {@link Change#DROPPED} */
    public record Outcome(Change change, Long incidentId) {
    }

    /**
     * A trigger event.
     *
     * @param service the incident's service (its row is created when absent)
     * @param dedupKey namespaced dedup key, at most 255 characters
     * @param severity severity of the event
     * @param reason short machine-readable reason (alert name, summary), cut to 200 characters
     * @param startedAt when the problem began by the sender's clock; capped at now
     * @param actor who sent it, e.g. {@code integration:prometheus-eu}
     * @param detail timeline text, cut to 4000 characters
     * @param recordRepeats whether a trigger that changes nothing on an open incident is still recorded (PagerDuty
     *        logs every trigger; Alertmanager re-sends unchanged alerts with every group notification)
     */
    public record Trigger(String service, String dedupKey, Severity severity, String reason, Instant startedAt,
            String actor, String detail, boolean recordRepeats) {
    }

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final IncidentService incidentService;
    private final Clock clock;

    public IntegrationIncidents(IncidentRepository incidents, TimelineRepository timeline,
            IncidentService incidentService, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.incidentService = incidentService;
        this.clock = clock;
    }

    /**
     * Opens an incident for the dedup key, or records the trigger on its open incident (severity follows the latest
     * trigger). Triggers of one dedup key are applied one at a time across replicas (a transaction-scoped advisory
     * lock on the key: there is no row to lock before the first incident exists); triggers of different keys, even
     * of one service, run in parallel. The service row is created when absent.
     */
    public Uni<Outcome> trigger(Trigger t) {
        String severity = t.severity().name().toLowerCase(Locale.ROOT);
        String reason = cut(t.reason() == null || t.reason().isBlank() ? "alert" : t.reason().strip(), REASON_MAX);
        return ensureService(t.service())
                .chain(() -> lockDedupKey(t.dedupKey()))
                .chain(() -> incidents.findOpenByDedupKeyForUpdate(t.dedupKey()))
                .chain(open -> {
                    // read the clock under the dedup key's lock: concurrent triggers of one key get timeline times in
                    // the order they were applied (the first one, which opened the incident, comes first)
                    Instant now = now();
                    if (open == null) {
                        Incident incident = Incident.withDefaults();
                        incident.service = t.service();
                        incident.status = IncidentStatus.TRIGGERED;
                        incident.reason = reason;
                        incident.severity = severity;
                        incident.dedupKey = t.dedupKey();
                        incident.startedAt = t.startedAt() == null || t.startedAt().isAfter(now) ? now
                                : t.startedAt().truncatedTo(ChronoUnit.MICROS);
                        incident.detectedAt = now;
                        return incidents.persistAndFlush(incident)
                                .call(i -> timeline.append(TimelineEntry.of(i.id, now, t.actor(), TimelineType.TRIGGERED,
                                        cut(t.detail(), DETAIL_MAX))))
                                .invoke(i -> LOG.infof("incident %d opened by %s: %s", i.id, t.actor(), t.dedupKey()))
                                .map(i -> new Outcome(Change.OPENED, i.id));
                    }
                    boolean changed = !severity.equals(open.severity);
                    if (!changed && !t.recordRepeats()) {
                        return Uni.createFrom().item(new Outcome(Change.UNCHANGED, open.id));
                    }
                    String detail = (changed ? "severity " + open.severity + " -> " + severity + "; " : "") + t.detail();
                    open.severity = severity;
                    return timeline.append(TimelineEntry.of(open.id, now, t.actor(), TimelineType.TRIGGER_ADDED,
                            cut(detail, DETAIL_MAX)))
                            .replaceWith(new Outcome(Change.UPDATED, open.id));
                });
    }

    private Uni<Void> ensureService(String service) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into service (name) values (:name) on conflict do nothing")
                        .setParameter("name", service)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** {@code pg_advisory_xact_lock} on a 64-bit hash of the dedup key, held until the transaction ends. */
    private Uni<Void> lockDedupKey(String dedupKey) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))")
                        .setParameter("key", dedupKey)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Acknowledges the open incident of the dedup key when it is {@code TRIGGERED}; otherwise (no open incident,
     * already acknowledged or mitigated) the event is dropped, as PagerDuty does.
     */
    public Uni<Outcome> acknowledge(String dedupKey, String actor, String note) {
        return transition(dedupKey, IncidentStatus.ACKNOWLEDGED, actor, note, null);
    }

    /**
     * Resolves the open incident of the dedup key; dropped when there is none.
     *
     * @param endedAt when the problem ended by the sender's clock (e.g. Alertmanager {@code endsAt}); kept within
     *        [startedAt, now]; null = now
     */
    public Uni<Outcome> resolve(String dedupKey, String actor, String note, Instant endedAt) {
        return transition(dedupKey, IncidentStatus.RESOLVED, actor, note, endedAt);
    }

    private Uni<Outcome> transition(String dedupKey, IncidentStatus next, String actor, String note, Instant endedAt) {
        return incidents.findOpenByDedupKeyForUpdate(dedupKey).chain(open -> {
            if (open == null || !open.status.canBecome(next)) {
                return Uni.createFrom().item(new Outcome(Change.DROPPED, open == null ? null : open.id));
            }
            if (next == IncidentStatus.RESOLVED) {
                Instant now = now();
                Instant end = endedAt == null || endedAt.isAfter(now) ? now : endedAt.truncatedTo(ChronoUnit.MICROS);
                open.endedAt = end.isBefore(open.startedAt) ? open.startedAt : end;
            }
            // same session and transaction: transition finds the incident locked above and appends the timeline entry
            return incidentService.transition(open.id, next, actor, note == null ? null : cut(note, DETAIL_MAX),
                    ServiceScope.unrestricted())
                    .replaceWith(new Outcome(next == IncidentStatus.RESOLVED ? Change.RESOLVED : Change.ACKNOWLEDGED,
                            open.id));
        });
    }

    /**
     * @return whether the caller should run its transaction again: a unique violation of the
     *         one-open-incident-per-dedup-key index (two requests opened the same key at once; the retry finds the
     *         open incident), or a deadlock PostgreSQL broke by aborting this transaction
     */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && (DEADLOCK_DETECTED.equals(pg.getSqlState())
                    || UNIQUE_VIOLATION.equals(pg.getSqlState()) && OPEN_DEDUP_KEY_INDEX.equals(pg.getConstraint()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
