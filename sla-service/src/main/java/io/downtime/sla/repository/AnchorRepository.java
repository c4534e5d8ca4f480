package io.downtime.sla.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.sla.domain.AnchorEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Reactive Panache repository of {@link AnchorEntity}. */
@ApplicationScoped
public class AnchorRepository implements PanacheRepositoryBase<AnchorEntity, Long> {

    /**
     * @param service service name
     * @param limit at most this many
     * @return the service's anchors, newest first
     */
    public Uni<List<AnchorEntity>> listByService(String service, int limit) {
        return find("service", Sort.descending("id"), service).page(0, limit).list();
    }
}
