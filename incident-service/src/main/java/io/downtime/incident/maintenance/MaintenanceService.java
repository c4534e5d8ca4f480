package io.downtime.incident.maintenance;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.domain.MaintenanceWindow;
import io.downtime.incident.repository.MaintenanceWindowRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Maintenance windows: CRUD and "is this service in maintenance at that instant". */
@ApplicationScoped
public class MaintenanceService {

    private final MaintenanceWindowRepository windows;

    public MaintenanceService(MaintenanceWindowRepository windows) {
        this.windows = windows;
    }

    /**
     * The first window (by id) of {@code service} or of all services that contains {@code at}; runs in the caller's
     * session.
     *
     * @return the window, or null when none
     */
    public Uni<MaintenanceWindow> windowAt(String service, Instant at) {
        return windows.applicableTo(service)
                .map(list -> list.stream().filter(w -> MaintenanceSchedule.contains(w, at)).findFirst().orElse(null));
    }

    @WithSession
    public Uni<List<MaintenanceWindow>> list(String service) {
        return windows.search(service);
    }

    /** @throws ProblemException 404 (failed Uni) when unknown */
    @WithSession
    public Uni<MaintenanceWindow> get(long id) {
        return windows.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithTransaction
    public Uni<MaintenanceWindow> create(MaintenanceWindow window) {
        return windows.persistAndFlush(window);
    }

    /** Replaces the fields of window {@code id} with those of {@code changes}; 404 when unknown. */
    @WithTransaction
    public Uni<MaintenanceWindow> replace(long id, MaintenanceWindow changes) {
        return windows.findById(id).onItem().ifNull().failWith(() -> notFound(id)).invoke(w -> {
            w.service = changes.service;
            w.title = changes.title;
            w.startsAt = changes.startsAt;
            w.endsAt = changes.endsAt;
            w.cron = changes.cron;
            w.rrule = changes.rrule;
            w.durationSeconds = changes.durationSeconds;
            w.timezone = changes.timezone;
        });
    }

    /** Deletes window {@code id}; outages already flagged keep their flag. 404 when unknown. */
    @WithTransaction
    public Uni<Void> delete(long id) {
        return windows.deleteById(id).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Maintenance window " + id + " does not exist.");
    }
}
