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

    /** Severity, a lower-case {@link Severity} name ({@code critical}, {@code error}, {@code warning}, {@code info}). */
    @Column(nullable = false, length = 16)
    public String severity = "critical";

    public static String dedupKeyOf(String service) {
        return SERVICE_DEDUP_PREFIX + service;
    }
}
