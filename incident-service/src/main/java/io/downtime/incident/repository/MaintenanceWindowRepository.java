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

    /**
     * @param service only windows of this service and of all services when not null
     * @param scope only windows of these services and of all services when not null (the caller's object-level scope)
     * @return the matching windows, by id
     */
    public Uni<List<MaintenanceWindow>> search(String service, java.util.Set<String> scope) {
        if (scope == null) {
            return service == null ? listAll(Sort.ascending("id")) : applicableTo(service);
        }
        if (service != null) {
            return scope.contains(service) ? applicableTo(service)
                    : list("service is null", Sort.ascending("id"));
        }
        return scope.isEmpty() ? list("service is null", Sort.ascending("id"))
                : list("service in ?1 or service is null", Sort.ascending("id"), scope);
    }
}
