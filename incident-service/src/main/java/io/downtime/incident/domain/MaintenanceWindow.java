package io.downtime.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A declared maintenance window of one service ({@link #service}) or of all ({@code null}): one-off
 * ({@link #startsAt}..{@link #endsAt}) or recurring (a {@link #cron} or {@link #rrule} occurrence start, lasting
 * {@link #durationSeconds}, in {@link #timezone}). Outages that start inside one are flagged MAINTENANCE, page nobody
 * and are marked for SLA exclusion. See {@code io.downtime.incident.service.MaintenanceSchedule}.
 */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(length = 200)
    public String service;

    @Column(nullable = false, length = 500)
    public String title;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    /** Unix cron expression (5 fields, cron-utils) of the occurrence starts. */
    @Column(length = 200)
    public String cron;

    /** RFC 5545 recurrence rule of the occurrence starts (e.g. {@code FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0}). */
    @Column(length = 1000)
    public String rrule;

    @Column(name = "duration_seconds")
    public Long durationSeconds;

    /** IANA zone the recurrence is read in (e.g. {@code Europe/Berlin}). */
    @Column(length = 100)
    public String timezone;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;
}
