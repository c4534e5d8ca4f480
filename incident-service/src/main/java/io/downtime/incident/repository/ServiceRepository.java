package io.downtime.incident.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.MonitoredService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Services by name. */
@ApplicationScoped
public class ServiceRepository implements PanacheRepositoryBase<MonitoredService, String> {

    /**
     * Creates the service row if absent ({@code insert ... on conflict do nothing}) and locks it
     * ({@code select ... for no key update}, which foreign-key checks of other tables do not wait for) until the
     * current transaction ends, so that signals of one service are evaluated one at a time across all replicas. Must
     * run inside a transaction.
     * <p>
     * The lock is taken with native SQL and the row is not loaded as a managed entity: an entity found with a lock
     * mode was flushed back as an {@code update service ...} at the next auto-flush (Hibernate Reactive 3.1), which
     * made every signal transaction write-lock the rows of the services it had merely read and deadlocked concurrent
     * signals of different services (issue 7 load benchmark).
     *
     * @param name service name
     */
    public Uni<Void> lock(String name) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into service (name) values (:name) on conflict do nothing")
                        .setParameter("name", name)
                        .executeUpdate())
                .chain(() -> Panache.getSession())
                .chain(session -> session
                        .createNativeQuery("select name from service where name = :name for no key update", String.class)
                        .setParameter("name", name)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * {@link #lock(String)}, then the service as a managed entity, for a change of its configuration.
     *
     * @param name service name
     * @return the locked service
     */
    public Uni<MonitoredService> lockForChange(String name) {
        return lock(name).chain(() -> findById(name));
    }

    /**
     * The service for reading only: Hibernate never flushes it back. Outage evaluation reads services it does not
     * lock (its own, its dependencies, all of them for cascades); a managed copy was flushed as {@code update service}
     * at the next auto-flush, write-locking rows of services the transaction had only read.
     *
     * @return the service, or null when unknown
     */
    public Uni<MonitoredService> findReadOnly(String name) {
        return findById(name).call(row -> row == null ? Uni.createFrom().voidItem() : readOnly(List.of(row)));
    }

    /** @return every service, read only (see {@link #findReadOnly(String)}) */
    public Uni<List<MonitoredService>> listAllReadOnly() {
        return listAll().call(this::readOnly);
    }

    /**
     * @param changing the service this transaction changes (loaded by {@link #lockForChange(String)}): stays writable
     * @return every service, all but {@code changing} read only (see {@link #findReadOnly(String)})
     */
    public Uni<List<MonitoredService>> listAllReadOnlyExcept(String changing) {
        return listAll().call(all -> readOnly(all.stream().filter(s -> !s.name.equals(changing)).toList()));
    }

    private Uni<Void> readOnly(List<MonitoredService> rows) {
        return Panache.getSession().invoke(session -> rows.forEach(row -> session.setReadOnly(row, true)))
                .replaceWithVoid();
    }

    /**
     * {@link #lock(String)} for several services at once: creates the absent rows, then locks all of them in name order
     * (the one global lock order of signal processing, so batches never deadlock on service rows).
     *
     * @param names service names
     * @return the locked rows (managed by the session), in name order
     */
    public Uni<List<MonitoredService>> lockAll(Collection<String> names) {
        String namesJson = JsonParams.strings(names);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into service (name)
                        select value from jsonb_array_elements_text(cast(cast(:names as text) as jsonb)) order by 1
                        on conflict do nothing
                        """)
                        .setParameter("names", namesJson)
                        .executeUpdate())
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("""
                        select * from service
                         where name in (select value from jsonb_array_elements_text(cast(cast(:names as text) as jsonb)))
                         order by name for no key update
                        """, MonitoredService.class)
                        .setParameter("names", namesJson)
                        .getResultList());
    }

    /**
     * @param names service names
     * @return those services
     */
    public Uni<List<MonitoredService>> listNamed(Collection<String> names) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select * from service
                         where name in (select value from jsonb_array_elements_text(cast(cast(:names as text) as jsonb)))
                        """, MonitoredService.class)
                        .setParameter("names", JsonParams.strings(names))
                        .getResultList());
    }
}
