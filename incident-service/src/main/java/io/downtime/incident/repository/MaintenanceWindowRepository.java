package io.downtime.incident.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.MaintenanceWindow;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Maintenance windows. */
@ApplicationScoped
public class MaintenanceWindowRepository implements PanacheRepository<MaintenanceWindow> {

    /** @return the windows of {@code service} and those of all services ({@code service} null), by id */
    public Uni<List<MaintenanceWindow>> applicableTo(String service) {
        return list("service = ?1 or service is null", Sort.ascending("id"), service);
    }

    /** @return all windows, or only those of {@code service} (and of all services) when not null, by id */
    public Uni<List<MaintenanceWindow>> search(String service) {
        return service == null ? listAll(Sort.ascending("id")) : applicableTo(service);
    }
}
