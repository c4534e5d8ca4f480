package io.downtime.incident.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.downtime.incident.domain.MonitoredService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Services by name. */
@ApplicationScoped
public class ServiceRepository implements PanacheRepositoryBase<MonitoredService, String> {

    /**
     * Creates the service row if absent ({@code insert ... on conflict do nothing}) and locks it
     * ({@code SELECT ... FOR UPDATE}) until the current transaction ends, so that signals of one service are
     * evaluated one at a time across all replicas. Must run inside a transaction.
     *
     * @param name service name
     * @return the locked service
     */
    public Uni<MonitoredService> lock(String name) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into service (name) values (:name) on conflict do nothing")
                        .setParameter("name", name)
                        .executeUpdate())
                .chain(() -> findById(name, LockModeType.PESSIMISTIC_WRITE));
    }
}
