package io.downtime.incident.domain;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Latest heartbeat of one probe-service instance of a region ({@code POST /api/v1/heartbeats}). A region is alive
 * while at least one of its instances heartbeated within its timeout (see {@code HeartbeatService#timeoutOf}).
 */
@Entity
@Immutable
@Table(name = "region_heartbeat")
@IdClass(RegionHeartbeat.Key.class)
public class RegionHeartbeat extends PanacheEntityBase {

    @Id
    @Column(length = 200)
    public String region;

    @Id
    @Column(length = 200)
    public String instance;

    @Column(length = 100)
    public String version;

    /** The instance's clock when it sent the heartbeat (informational). */
    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    /** Server time of reception: the age of a heartbeat is measured from here (regions' clocks drift). */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Heartbeat interval of the instance, seconds. */
    @Column(name = "interval_seconds", nullable = false)
    public int intervalSeconds;

    /** {@code {"<chainId>":{"number":…,"seenAt":"…"}}} as JSON text. */
    @Column(nullable = false, columnDefinition = "text")
    public String heads;

    /** Aliveness the scheduled check last acted upon. */
    @Column(nullable = false)
    public boolean alive;

    /** Whether this heartbeat is still fresh at {@code now} given {@code timeout}. */
    public boolean freshAt(Instant now, Duration timeout) {
        return receivedAt.plus(timeout).isAfter(now);
    }

    /** Primary key: region and instance. */
    public static class Key implements Serializable {
        public String region;
        public String instance;

        public Key() {
        }

        public Key(String region, String instance) {
            this.region = region;
            this.instance = instance;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(region, k.region) && Objects.equals(instance, k.instance);
        }

        @Override
        public int hashCode() {
            return Objects.hash(region, instance);
        }
    }
}
