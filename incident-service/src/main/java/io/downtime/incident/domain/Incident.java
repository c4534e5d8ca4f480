package io.downtime.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The human-facing record around one or more outages of a service: lifecycle, reason, times. At most one open
 * (not {@link IncidentStatus#RESOLVED}) incident exists per {@link #dedupKey} (partial unique index).
 */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    /** Dedup key prefix of incidents opened by outages: {@code service:<name>}. */
    public static final String SERVICE_DEDUP_PREFIX = "service:";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String service;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public IncidentStatus status;

    @Column(nullable = false, length = 200)
    public String reason;

    @Column(name = "dedup_key", nullable = false, length = 255)
    public String dedupKey;

    /** Start of the (first) outage: the earliest first-bad-probe time among the confirming regions. */
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** Server time at which the incident was stored. */
    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "mitigated_at")
    public Instant mitigatedAt;

    /**
     * Server time at which the incident was resolved, by hand or automatically when its outage ended (never the
     * probe-measured end, see {@link #endedAt}), so that MTTR ({@code resolvedAt − detectedAt}) is never negative;
     * null while open.
     */
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /**
     * End of the latest outage attached to this incident, as measured from probe data (may be earlier than
     * {@link #detectedAt}); null while it is open.
     */
    @Column(name = "ended_at")
    public Instant endedAt;

    /** Severity, lower case: {@code critical} (default), {@code error}, {@code warning}, {@code info}. */
    @Column(nullable = false, length = 16)
    public String severity;

    /** Who is on it (free text, e.g. an e-mail or a handle); null when nobody. */
    @Column(length = 200)
    public String assignee;

    /** Cause category; suggested from the signals until a human sets it ({@link #causeSource}). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Cause cause;

    /** {@code SUGGESTED} (from signals; updated automatically) or {@code HUMAN} (set by hand; never overwritten). */
    @Column(name = "cause_source", nullable = false, length = 16)
    public String causeSource;

    /**
     * For a cascade: the incident of the (transitive) {@code dependsOn} service whose outage explains this one; null
     * otherwise.
     */
    @Column(name = "root_incident_id")
    public Long rootIncidentId;

    /** Whether this incident pages someone: false for cascades and for outages inside maintenance windows. */
    @Column(nullable = false)
    public boolean paged;

    /** Postmortem as JSON text ({@code {"summary","rootCause","contributingFactors":[…],"actionItems":[…]}}). */
    @Column(columnDefinition = "text")
    public String postmortem;

    @Column(name = "postmortem_updated_at")
    public Instant postmortemUpdatedAt;

    /** {@link #causeSource} of a cause suggested from signals. */
    public static final String CAUSE_SUGGESTED = "SUGGESTED";
    /** {@link #causeSource} of a cause set by a human. */
    public static final String CAUSE_HUMAN = "HUMAN";

    public static String dedupKeyOf(String service) {
        return SERVICE_DEDUP_PREFIX + service;
    }

    /**
     * A new incident with the defaults: severity {@code critical}, cause {@code UNKNOWN} ({@code SUGGESTED}), paged.
     * <p>
     * Entities here carry no field initializers: with Hibernate's bytecode enhancement an initializer marked every
     * instance Hibernate loaded as dirty, so each one read in a transaction was written back at the next flush
     * ({@code update incident set ...}), taking row locks the transaction did not need.
     */
    public static Incident withDefaults() {
        Incident incident = new Incident();
        incident.severity = "critical";
        incident.cause = Cause.UNKNOWN;
        incident.causeSource = CAUSE_SUGGESTED;
        incident.paged = true;
        return incident;
    }
}
