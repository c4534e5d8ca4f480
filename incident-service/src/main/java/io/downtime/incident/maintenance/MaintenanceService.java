package io.downtime.incident.maintenance;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.security.ServiceScope;
import io.downtime.incident.domain.MaintenanceWindow;
import io.downtime.incident.repository.MaintenanceWindowRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Maintenance windows: CRUD and "is this service in maintenance at that instant".
 * <p>
 * Object-level authorization (OWASP API1), by the caller's {@link ServiceScope}: a window of a service outside the
 * scope does not exist for the caller (404 problem+json, left out of lists); windows of all services ({@code service}
 * null) apply to every service, so every caller sees them, but only an unrestricted caller creates, replaces or
 * deletes one (403). Creating a window for, or moving one to, a service outside the scope: 403.
 */
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

    /**
     * @param service only windows applying to it (its own and those of all services) when not null
     * @return the windows visible in {@code scope} (its services' and those of all services), by id
     */
    @WithSession
    public Uni<List<MaintenanceWindow>> list(String service, ServiceScope scope) {
        return windows.search(service, scope.services().orElse(null));
    }

    /** @throws ProblemException 404 (failed Uni) when unknown or of a service outside {@code scope} */
    @WithSession
    public Uni<MaintenanceWindow> get(long id, ServiceScope scope) {
        return windows.findById(id).map(w -> visible(w, id, scope));
    }

    /** @throws ProblemException 403 (failed Uni) when the window's service is outside {@code scope}, or it has none */
    @WithTransaction
    public Uni<MaintenanceWindow> create(MaintenanceWindow window, ServiceScope scope) {
        scope.requireWritable(window.service);
        return windows.persistAndFlush(window);
    }

    /**
     * Replaces the fields of window {@code id} with those of {@code changes}; 404 when unknown or hidden by
     * {@code scope}; 403 when the window or {@code changes} belong to all services or to a service outside
     * {@code scope}.
     */
    @WithTransaction
    public Uni<MaintenanceWindow> replace(long id, MaintenanceWindow changes, ServiceScope scope) {
        return windows.findById(id).map(w -> writable(w, id, scope)).invoke(w -> {
            scope.requireWritable(changes.service);
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

    /**
     * Deletes window {@code id}; outages already flagged keep their flag. 404 when unknown or hidden by
     * {@code scope}; 403 for a window of all services and a scoped caller.
     */
    @WithTransaction
    public Uni<Void> delete(long id, ServiceScope scope) {
        return windows.findById(id).map(w -> writable(w, id, scope)).chain(w -> windows.delete(w));
    }

    /** @return {@code w}; 404 when null or of a service outside {@code scope} (windows of all services are visible) */
    private static MaintenanceWindow visible(MaintenanceWindow w, long id, ServiceScope scope) {
        if (w == null || w.service != null && !scope.allows(w.service)) {
            throw notFound(id);
        }
        return w;
    }

    /** @return {@code w} when {@link #visible} and {@code scope} may change it (403 for all services' windows) */
    private static MaintenanceWindow writable(MaintenanceWindow w, long id, ServiceScope scope) {
        scope.requireWritable(visible(w, id, scope).service);
        return w;
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Maintenance window " + id + " does not exist.");
    }
}
