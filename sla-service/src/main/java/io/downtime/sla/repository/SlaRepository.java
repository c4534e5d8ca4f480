package io.downtime.sla.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.sla.domain.SlaEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Reactive Panache repository of {@link SlaEntity}, keyed by service name. */
@ApplicationScoped
public class SlaRepository implements PanacheRepositoryBase<SlaEntity, String> {
}
