package io.downtime.incident.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.RegionHeartbeat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Latest heartbeat per (region, instance). */
@ApplicationScoped
public class RegionHeartbeatRepository implements PanacheRepositoryBase<RegionHeartbeat, RegionHeartbeat.Key> {

    private static final String UPSERT = """
            insert into region_heartbeat (region, instance, version, sent_at, received_at, interval_seconds, heads)
            values (:region, :instance, :version, :sentAt, :receivedAt, :interval, :heads)
            on conflict (region, instance) do update
               set version = excluded.version, sent_at = excluded.sent_at, received_at = excluded.received_at,
                   interval_seconds = excluded.interval_seconds, heads = excluded.heads
            """;

    /**
     * Stores the latest heartbeat of an instance (insert or overwrite). Leaves {@code alive} alone: the scheduled
     * check flips it and acts on the change once.
     */
    public Uni<Void> upsert(String region, String instance, String version, Instant sentAt, Instant receivedAt,
            int intervalSeconds, String headsJson) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter("region", region)
                        .setParameter("instance", instance)
                        .setParameter("version", version)
                        .setParameter("sentAt", sentAt)
                        .setParameter("receivedAt", receivedAt)
                        .setParameter("interval", intervalSeconds)
                        .setParameter("heads", headsJson)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Flips the recorded aliveness of one instance from {@code !alive} to {@code alive}.
     *
     * @return true when this call changed it (another replica may have done it first)
     */
    public Uni<Boolean> flipAlive(String region, String instance, boolean alive) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        update region_heartbeat set alive = :alive
                         where region = :region and instance = :instance and alive <> :alive
                        """)
                        .setParameter("alive", alive)
                        .setParameter("region", region)
                        .setParameter("instance", instance)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** @return every instance's latest heartbeat, by region then instance */
    public Uni<List<RegionHeartbeat>> listAll() {
        return list("order by region, instance");
    }
}
