package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.Component;
import io.downtime.incident.domain.MonitoredService;
import io.downtime.incident.domain.Outage;
import io.downtime.incident.domain.Quorum;
import io.downtime.incident.domain.Quorum.Verdict;
import io.downtime.incident.domain.RegionHeartbeat;
import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetRegionState;
import io.downtime.incident.heartbeat.HeartbeatService;
import io.downtime.incident.heartbeat.Liveness;
import io.downtime.incident.repository.OutageRepository;
import io.downtime.incident.repository.OutageTargetRepository;
import io.downtime.incident.repository.RegionSignalRepository;
import io.downtime.incident.repository.ServiceRepository;
import io.downtime.incident.repository.SignalStore;
import io.downtime.incident.repository.TargetRegionStateRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

/**
 * Stores signals and applies them, one per transaction ({@link #one}) or a batch per transaction ({@link #batch}).
 * <p>
 * Lock order, the only one in signal processing, so that concurrent transactions wait for each other but never
 * deadlock: {@code service} rows by name, then {@code region_signal} rows by id, then — under those service locks —
 * the services' {@code target_region_state} rows, outages and incidents.
 * <p>
 * A batch first takes its common case on the Vert.x reactive PostgreSQL client ({@link SignalStore}, no Hibernate
 * session, {@link #split}): it applies its signals in memory, in arrival order, except those of the services it defers
 * from their first signal that would open, reopen, move or end an outage (or whose target moved to another service),
 * and stores what it applied — signal rows with their {@code applied} flag, (target, region) states, outage targets —
 * in one transaction, together with the deferred services' signals, stored {@code pending}. Those, the rest, are
 * applied through the Hibernate path below by a later transaction ({@link #rest}).
 * <p>
 * A batch applies its signals in arrival order with the same result as one transaction per signal: each signal is
 * applied to the in-memory (target, region) states of its service and the quorum verdict is computed
 * ({@link Quorum#evaluate(java.util.Collection, double, List)}); when the verdict leaves the outage as it is (up and
 * no open outage, or down since the same start with the same targets), nothing else is written; otherwise the states
 * so far are written and {@link OutageService#reevaluate} runs for that signal exactly as it would alone.
 */
@ApplicationScoped
public class SignalIngest {

    private static final String UNIQUE_VIOLATION = "23505";

    private final RegionSignalRepository signals;
    private final ServiceRepository services;
    private final TargetRegionStateRepository states;
    private final OutageRepository outageRows;
    private final OutageTargetRepository outageTargets;
    private final OutageService outages;
    private final ServiceCatalog catalog;
    private final HeartbeatService heartbeats;
    private final IncidentConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Pool pool;
    private final SignalStore store;
    /** {@code signal_batch_seconds{path="sql-client"}}: the common-case transaction of a batch. */
    private final Timer sqlClientPath;
    /** {@code signal_batch_seconds{path="hibernate"}}: the second transaction, for services whose outage changes. */
    private final Timer hibernatePath;

    public SignalIngest(RegionSignalRepository signals, ServiceRepository services, TargetRegionStateRepository states,
            OutageRepository outageRows, OutageTargetRepository outageTargets, OutageService outages,
            ServiceCatalog catalog, HeartbeatService heartbeats, IncidentConfig config, ObjectMapper mapper,
            Clock clock, Pool pool, SignalStore store, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        this.sqlClientPath = batchTimer(registry, "sql-client");
        this.hibernatePath = batchTimer(registry, "hibernate");
        this.signals = signals;
        this.services = services;
        this.states = states;
        this.outageRows = outageRows;
        this.outageTargets = outageTargets;
        this.outages = outages;
        this.catalog = catalog;
        this.heartbeats = heartbeats;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Receives one signal in its own transaction, idempotently by id. A duplicate (the id is already stored, possibly
     * by another replica at the same moment) changes nothing.
     *
     * @return the outcome, after the transaction committed
     */
    public Uni<SignalOutcome> one(Signal signal) {
        return Panache.withTransaction(() -> ingest(signal))
                .onFailure(SignalIngest::isDuplicateId).recoverWithItem(() -> SignalOutcome.duplicate(signal.id()));
    }

    private Uni<SignalOutcome> ingest(Signal signal) {
        Instant now = now();
        return services.lock(signal.service())
                .chain(() -> signals.insertIfAbsent(signal, now))
                .chain(inserted -> inserted ? applyAlone(signal, now)
                        : Uni.createFrom().item(SignalOutcome.duplicate(signal.id())));
    }

    /** Applies a stored signal whose service is locked, and re-evaluates the service (the one-signal path). */
    private Uni<SignalOutcome> applyAlone(Signal signal, Instant now) {
        return states.applyIfNewer(signal).chain(applied -> {
            if (!applied) {
                return Uni.createFrom().item(SignalOutcome.stale(signal.id()));
            }
            return signals.markApplied(signal.id())
                    .chain(() -> outages.reevaluate(signal.service(), signal, now))
                    .map(evaluation -> new SignalOutcome(signal.id(), false, true, evaluation));
        });
    }

    /**
     * Receives a batch of signals: {@link #split} then, when it leaves signals over, {@link #rest}. Stores every id not
     * stored yet and applies the new ones as one transaction per signal in arrival order would (see the class comment).
     * A signal whose id is already stored, or that appears a second time in the batch, is a duplicate.
     *
     * @param batch signals in arrival order, not empty
     * @return one outcome per signal of {@code batch}, in the same order, after the transactions committed
     */
    public Uni<List<SignalOutcome>> batch(List<Signal> batch) {
        return split(batch, Set.of()).chain(split -> split.rest().isEmpty() ? Uni.createFrom().item(split.results())
                : rest(split.rest()).map(rest -> {
                    Map<UUID, SignalOutcome> all = new HashMap<>(rest);
                    // the rest's outcomes, except where the batch's signal is a redelivery (a duplicate)
                    split.results().forEach((id, outcome) -> {
                        if (outcome.duplicate() || !all.containsKey(id)) {
                            all.put(id, outcome);
                        }
                    });
                    return all;
                }))
                .map(results -> outcomes(batch, results))
                .onFailure(ConcurrentDuplicate.class).recoverWithUni(() -> oneByOne(batch, 0, new ArrayList<>()));
    }

    private Uni<List<SignalOutcome>> oneByOne(List<Signal> batch, int from, List<SignalOutcome> done) {
        if (from == batch.size()) {
            return Uni.createFrom().item(done);
        }
        return one(batch.get(from)).invoke(done::add).chain(() -> oneByOne(batch, from + 1, done));
    }

    /**
     * The first transaction of a batch, on the Vert.x SQL client: stores every new signal of the batch. It applies, in
     * memory, every signal of a service whose outage stays as it is, and stores the signals of the other services as
     * pending, for {@link #rest}.
     * <p>
     * Signals are taken in arrival order. The first signal of a service that would open, reopen, move or end its
     * outage, or whose target moved to another service, <em>defers</em> that service (both services for a moved
     * target); so do the {@code pending} services from the start. A deferred service's signals are stored pending, in
     * arrival order; other services' signals go on in memory. This gives what one transaction per signal gives,
     * because a service's outage depends only on its own (target, region) states and the regions' heartbeats; only
     * opening an outage reads other services (the cascade root), and that happens in the rest, in arrival order. The
     * {@code pending} services are neither locked nor read: a rest may hold their locks.
     *
     * @param batch signals in arrival order, not empty
     * @param pending services with signals stored pending and not applied yet (by the caller's earlier batches)
     * @return after the transaction committed: the outcomes of the signals it stored (ids already stored have none)
     *         and the rest (stored pending: distinct ids, arrival order)
     * @throws ConcurrentDuplicate (failed {@code Uni}) when another transaction stored one of the ids meanwhile;
     *         nothing is stored then
     */
    public Uni<Split> split(List<Signal> batch, Set<String> pending) {
        return split(batch, pending, List.of());
    }

    /**
     * {@link #split(List, Set)} that first takes {@code carried}: signals stored pending whose services have no
     * transaction applying them now (the caller's rest ended). They are applied like new signals, before the batch,
     * and settled; those that change their service's outage again stay pending, in the rest. A batch signal that
     * repeats a carried id has no outcome (a duplicate).
     *
     * @param carried stored pending signals, in arrival order, of services not in {@code pending}
     */
    public Uni<Split> split(List<Signal> batch, Set<String> pending, List<Signal> carried) {
        Set<UUID> carriedIds = carried.stream().map(Signal::id).collect(Collectors.toSet());
        Map<UUID, Signal> byId = new LinkedHashMap<>();
        batch.stream().filter(s -> !carriedIds.contains(s.id())).forEach(s -> byId.putIfAbsent(s.id(), s));
        List<Signal> incoming = List.copyOf(byId.values());
        if (incoming.isEmpty() && carried.isEmpty()) {
            return Uni.createFrom().item(new Split(Map.of(), List.of()));
        }
        long start = System.nanoTime();
        return pool.withTransaction(conn -> prefix(conn, carried, incoming, pending, now()))
                .invoke(() -> sqlClientPath.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /**
     * Applies pending signals, through Hibernate and {@link OutageService#reevaluate}: the {@link Split#rest()} of a
     * batch, or what {@link #pendingBefore} found. Locks their services, then applies, in the order given, those still
     * pending (another replica's sweep may have applied some), and settles them ({@code pending = false}). Callers
     * apply a service's pending signals in arrival order and nothing of that service in memory before this commits.
     *
     * @param rest stored pending signals, distinct ids, in arrival order
     * @return the outcome of each signal applied now, by id (ids no longer pending have none), after the commit
     */
    public Uni<Map<UUID, SignalOutcome>> rest(List<Signal> rest) {
        long start = System.nanoTime();
        return Panache.withTransaction(() -> ingestBatch(rest))
                .invoke(() -> hibernatePath.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /**
     * Pending signals received before {@code before}, oldest first (see {@link SignalStore#pendingBefore}): those a
     * replica stored and acknowledged but did not apply (it stopped, or their rest failed).
     *
     * @param limit at most this many
     */
    public Uni<List<Signal>> pendingBefore(Instant before, int limit) {
        return pool.withConnection(conn -> store.pendingBefore(conn, before, limit));
    }

    /**
     * What the first transaction of a batch did.
     *
     * @param results outcome by id of every signal it stored: applied, stale, or stored pending (those of
     *        {@code rest}, see {@link SignalOutcome#pending})
     * @param rest signals stored pending, left for {@link #rest}: distinct ids, arrival order
     */
    public record Split(Map<UUID, SignalOutcome> results, List<Signal> rest) {
    }

    /** One of a batch's ids was stored by another transaction between the check and the insert. */
    static final class ConcurrentDuplicate extends RuntimeException {
        ConcurrentDuplicate() {
            super("a signal id was stored concurrently", null, false, false);
        }
    }

    /**
     * The common case of a batch, in the caller's transaction on {@code conn}: locks the services, skips stored ids,
     * applies the others in memory in arrival order, deferring the services that need {@link OutageService#reevaluate}
     * (see {@link #split}), then stores what it applied.
     *
     * @param distinct signals with distinct ids, in arrival order
     */
    private Uni<Split> prefix(SqlConnection conn, List<Signal> carried, List<Signal> incoming, Set<String> pending,
            Instant now) {
        // the pending services' signals are only stored: neither locked nor read (a rest may hold their locks)
        List<Signal> applicable = new ArrayList<>(carried);
        incoming.stream().filter(s -> !pending.contains(s.service())).forEach(applicable::add);
        List<UUID> incomingIds = incoming.stream().map(Signal::id).toList();
        if (applicable.isEmpty()) {
            return store.stored(conn, incomingIds).chain(stored -> {
                List<Signal> fresh = incoming.stream().filter(s -> !stored.contains(s.id())).toList();
                return storePrefix(conn, new Batch(new TreeSet<>(), Set.of(), null), Set.of(), fresh, pending, now);
            });
        }
        SortedSet<String> names = applicable.stream().map(Signal::service)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> targets = applicable.stream().map(Signal::target).collect(Collectors.toSet());
        // sent together (the client pipelines them on the connection; PostgreSQL runs them in this order): the reads
        // run after the services are locked; states and outages are read for every signal, duplicates included
        return Uni.combine().all().unis(
                store.lockServices(conn, names),
                store.stored(conn, incomingIds),
                store.pendingOf(conn, names),
                store.heartbeats(conn),
                store.states(conn, names, targets),
                store.openOutages(conn, names)).asTuple()
                .chain(read -> {
                    Set<UUID> stored = read.getItem2();
                    // every signal of the locked services still pending: the carried ones, and any another process
                    // left (a replica that stopped, a rest that failed), which are older and go first
                    Map<UUID, Signal> stillPending = new LinkedHashMap<>();
                    read.getItem3().forEach(p -> stillPending.put(p.id(), p));
                    List<Signal> fresh = new ArrayList<>();
                    Set<UUID> carriedIds = carried.stream().map(Signal::id).collect(Collectors.toSet());
                    stillPending.values().stream().filter(p -> !carriedIds.contains(p.id())).forEach(fresh::add);
                    carried.stream().filter(c -> stillPending.containsKey(c.id())).forEach(fresh::add);
                    incoming.stream().filter(s -> !stored.contains(s.id())).forEach(fresh::add);
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(new Split(Map.of(), List.of()));
                    }
                    List<Signal> freshApplicable = fresh.stream().filter(s -> !pending.contains(s.service())).toList();
                    Batch b = freshApplicable.isEmpty() ? new Batch(new TreeSet<>(), Set.of(), null)
                            : loaded(freshApplicable, read.getItem1(), read.getItem4(), read.getItem5(), read.getItem6(),
                                    now);
                    return storePrefix(conn, b, stillPending.keySet(), fresh, pending, now).invoke(split -> {
                        // a redelivery of a signal stored pending earlier is a duplicate, whoever applied it now
                        incomingIds.stream().filter(stillPending::containsKey).filter(id -> !carriedIds.contains(id))
                                .forEach(id -> split.results().put(id, SignalOutcome.duplicate(id)));
                    });
                });
    }

    /** The batch of the {@code fresh} signals, from what {@link #prefix} read. */
    private Batch loaded(List<Signal> fresh, Map<String, String> components, List<RegionHeartbeat> beats,
            List<TargetRegionState> stateRows, List<SignalStore.OpenOutage> open, Instant now) {
        List<MonitoredService> rows = new ArrayList<>();
        for (String name : new TreeSet<>(fresh.stream().map(Signal::service).toList())) {
            // locked (and so present) by lockServices: the services of every signal of the batch
            MonitoredService row = new MonitoredService();
            row.name = name;
            row.components = components.get(name);
            rows.add(row);
        }
        return loaded(fresh, rows, beats, stateRows, open, now);
    }

    /**
     * The batch of the {@code fresh} signals, from their services' rows and what {@link SignalStore} read while those
     * services were locked.
     */
    private Batch loaded(List<Signal> fresh, List<MonitoredService> rows, List<RegionHeartbeat> beats,
            List<TargetRegionState> stateRows, List<SignalStore.OpenOutage> open, Instant now) {
        SortedSet<String> names = fresh.stream().map(Signal::service).collect(Collectors.toCollection(TreeSet::new));
        Set<String> targets = fresh.stream().map(Signal::target).collect(Collectors.toSet());
        Batch b = new Batch(names, targets, heartbeats.liveness(beats, now));
        List<Outage> outages = new ArrayList<>();
        List<Object[]> targetRows = new ArrayList<>();
        Map<String, Instant> lastEnds = new HashMap<>();
        for (SignalStore.OpenOutage o : open) {
            if (!names.contains(o.service())) {
                continue;
            }
            Outage outage = new Outage();
            outage.id = o.id();
            outage.service = o.service();
            outage.startedAt = o.startedAt();
            outages.add(outage);
            if (o.lastEnd() != null) {
                lastEnds.put(o.service(), o.lastEnd());
            }
            o.targets().forEach(t -> targetRows.add(new Object[] { o.id(), t }));
        }
        fill(b, rows, stateRows, outages, targetRows, lastEnds);
        return b;
    }

    /**
     * Applies {@code fresh} in memory as far as possible, then stores what it applied and, as pending, the rest
     * (statements sent together). Signals of {@code carried} are stored already: those applied or stale are settled,
     * those left for the rest stay pending.
     */
    private Uni<Split> storePrefix(SqlConnection conn, Batch b, Set<UUID> carried, List<Signal> fresh,
            Set<String> pending, Instant now) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(new Split(Map.of(), List.of()));
        }
        List<Signal> kept = new ArrayList<>();
        List<Boolean> applied = new ArrayList<>();
        List<Signal> rest = applyInMemory(b, fresh, pending, kept, applied);
        List<Signal> inserted = new ArrayList<>();
        List<Boolean> insertedApplied = new ArrayList<>();
        List<Boolean> insertedPending = new ArrayList<>();
        List<UUID> settled = new ArrayList<>();
        List<UUID> settledApplied = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Signal signal = kept.get(i);
            if (carried.contains(signal.id())) {
                settled.add(signal.id());
                if (applied.get(i)) {
                    settledApplied.add(signal.id());
                }
            } else {
                inserted.add(signal);
                insertedApplied.add(applied.get(i));
                insertedPending.add(false);
            }
        }
        for (Signal signal : rest) {
            b.results.put(signal.id(), SignalOutcome.pending(signal.id()));
            if (!carried.contains(signal.id())) {
                inserted.add(signal);
                insertedApplied.add(false);
                insertedPending.add(true);
            }
        }
        List<Uni<?>> writes = new ArrayList<>();
        if (!inserted.isEmpty()) {
            writes.add(store.insert(conn, inserted, insertedApplied, insertedPending, now).invoke(count -> {
                if (count != inserted.size()) {
                    // another replica stored one of the ids meanwhile: the caller stores the batch one signal at a time
                    throw new ConcurrentDuplicate();
                }
            }));
        }
        if (!settled.isEmpty()) {
            writes.add(store.settle(conn, settled, settledApplied));
        }
        if (!b.pending.isEmpty()) {
            writes.add(store.upsertStates(conn, b.pending.values()));
        }
        b.pendingOutageTargets.forEach((outageId, targets) -> writes.add(store.addOutageTargets(conn, outageId, targets)));
        if (writes.isEmpty()) {
            // only carried signals, all left pending again
            return Uni.createFrom().item(new Split(b.results, rest));
        }
        return Uni.combine().all().unis(writes).discardItems().map(v -> new Split(b.results, rest));
    }

    /**
     * Applies {@code fresh} in memory, in order, except the signals of deferred services (see {@link #split}).
     *
     * @param kept receives the signals applied or found stale, in order
     * @param applied receives, per signal of {@code kept}, whether it was applied
     * @return the signals left for the Hibernate path, in order
     */
    private List<Signal> applyInMemory(Batch b, List<Signal> fresh, Set<String> pending, List<Signal> kept,
            List<Boolean> applied) {
        Set<String> deferred = new HashSet<>(pending);
        List<Signal> rest = new ArrayList<>();
        for (Signal signal : fresh) {
            if (deferred.contains(signal.service())) {
                rest.add(signal);
                continue;
            }
            Key key = new Key(signal.target(), signal.region());
            TargetRegionState stored = b.stored.get(key);
            if (stored != null && !stored.service.equals(signal.service())) {
                // the target moved to another service: the one-signal path moves its row, between both services
                deferred.add(signal.service());
                deferred.add(stored.service);
                rest.add(signal);
                continue;
            }
            if (stored != null && !stored.confirmedAt.isBefore(signal.confirmedAt())) {
                b.results.put(signal.id(), SignalOutcome.stale(signal.id()));
                kept.add(signal);
                applied.add(false);
                continue;
            }
            Service service = b.services.get(signal.service());
            TargetRegionState state = stateOf(signal);
            TargetRegionState previous = service.states.put(key, state);
            List<String> newlyDown = new ArrayList<>();
            if (changesOutage(service, b.liveness, newlyDown)) {
                if (previous == null) {
                    service.states.remove(key);
                } else {
                    service.states.put(key, previous);
                }
                deferred.add(signal.service());
                rest.add(signal);
                continue;
            }
            b.stored.put(key, state);
            b.pending.put(key, signal);
            kept.add(signal);
            applied.add(true);
            if (!newlyDown.isEmpty()) {
                service.openTargets.addAll(newlyDown);
                b.pendingOutageTargets.computeIfAbsent(service.openId, id -> new TreeSet<>()).addAll(newlyDown);
            }
            b.results.put(signal.id(), new SignalOutcome(signal.id(), false, true, Evaluation.NONE));
        }
        return rest;
    }

    /**
     * The Hibernate path ({@link #rest}): applies the signals of {@code distinct} still pending in arrival order,
     * through {@link OutageService#reevaluate} where the outage changes (see the class comment), and settles them.
     *
     * @param distinct stored signals with distinct ids, in arrival order
     * @return the outcome of each signal applied now, by id (ids no longer pending have none)
     */
    private Uni<Map<UUID, SignalOutcome>> ingestBatch(List<Signal> distinct) {
        Instant now = now();
        SortedSet<String> all = distinct.stream().map(Signal::service).collect(Collectors.toCollection(TreeSet::new));
        Set<String> allTargets = distinct.stream().map(Signal::target).collect(Collectors.toSet());
        // the services are locked: every writer of their states, outages and pending signals waits for this
        // transaction, so a read on another connection sees what this one would, in one pipelined round trip
        return services.lockAll(all).chain(rows -> pool.withConnection(conn -> Uni.combine().all().unis(
                store.stillPending(conn, distinct.stream().map(Signal::id).toList()),
                store.heartbeats(conn),
                store.states(conn, all, allTargets),
                store.openOutages(conn, all)).asTuple())
                .chain(read -> {
                    Set<UUID> pending = read.getItem1();
                    List<Signal> fresh = distinct.stream().filter(s -> pending.contains(s.id())).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(Map.<UUID, SignalOutcome> of());
                    }
                    Set<String> names = fresh.stream().map(Signal::service).collect(Collectors.toSet());
                    List<MonitoredService> named = rows.stream().filter(row -> names.contains(row.name)).toList();
                    Batch loaded = loaded(fresh, named, read.getItem2(), read.getItem3(), read.getItem4(), now);
                    // the batch works on detached copies (see load)
                    return Panache.getSession().invoke(session -> session.clear()).replaceWith(loaded)
                            .chain(b -> applyFrom(b, fresh, 0, now))
                            .call(this::writePending)
                            .call(b -> signals.settle(fresh.stream().map(Signal::id).toList(), b.appliedIds))
                            .map(b -> b.results);
                }));
    }

    /** What a batch knows: the states and open outages of its services, kept current as its signals apply. */
    private static final class Batch {
        final SortedSet<String> names;
        final Set<String> targets;
        final Liveness liveness;
        final Map<String, Service> services = new HashMap<>();
        /** Stored state of every (target, region) of the batch's services and targets. */
        final Map<Key, TargetRegionState> stored = new HashMap<>();
        /** Applied in memory, not yet written: the latest signal per (target, region). */
        final Map<Key, Signal> pending = new LinkedHashMap<>();
        /** Targets to record as down during open outages (by outage id), not yet written. */
        final Map<Long, Set<String>> pendingOutageTargets = new HashMap<>();
        final Map<UUID, SignalOutcome> results = new HashMap<>();
        final List<UUID> appliedIds = new ArrayList<>();

        Batch(SortedSet<String> names, Set<String> targets, Liveness liveness) {
            this.names = names;
            this.targets = targets;
            this.liveness = liveness;
        }
    }

    /** One service of a batch. */
    private static final class Service {
        /** The service's row (detached); null when it has none. */
        MonitoredService row;
        List<Component> components = List.of();
        final Map<Key, TargetRegionState> states = new LinkedHashMap<>();
        /** The open outage: id (null when the service is up), start, targets recorded as down during it. */
        Long openId;
        Instant openStart;
        /**
         * With an open outage: the end of the service's latest closed outage (null when none), the earliest instant
         * the open outage's start can move back to (as {@link OutageService} bounds it).
         */
        Instant lastEnd;
        final Set<String> openTargets = new HashSet<>();
    }

    private record Key(String target, String region) {
    }

    /**
     * (Re)loads the batch's services, states and open outages, then clears the session: the batch works on detached
     * copies, and later queries of the one-signal path read the rows afresh instead of stale managed instances.
     */
    private Uni<Void> load(Batch b) {
        // in the session, not on another connection as ingestBatch reads: it must see this transaction's writes
        return services.listNamed(b.names).chain(rows -> states.listDetached(b.names, b.targets)
                .chain(stateRows -> outageRows.listOpen(b.names).chain(open -> outageTargets
                        .listOf(open.stream().map(o -> o.id).toList())
                        .chain(targetRows -> outageRows.lastEnds(b.names)
                                .invoke(lastEnds -> fill(b, rows, stateRows, open, targetRows, lastEnds))))))
                .chain(() -> Panache.getSession())
                .chain(session -> session.flush().invoke(session::clear))
                .replaceWithVoid();
    }

    private void fill(Batch b, List<MonitoredService> rows, List<TargetRegionState> stateRows, List<Outage> open,
            List<Object[]> targetRows, Map<String, Instant> lastEnds) {
        b.services.clear();
        b.stored.clear();
        for (String name : b.names) {
            b.services.put(name, new Service());
        }
        for (MonitoredService row : rows) {
            Service service = b.services.get(row.name);
            service.row = row;
            service.components = catalog.components(row);
        }
        for (TargetRegionState s : stateRows) {
            Key key = new Key(s.target, s.region);
            b.stored.put(key, s);
            Service service = b.services.get(s.service);
            if (service != null) {
                service.states.put(key, s);
            }
        }
        Map<Long, Service> byOutage = new HashMap<>();
        for (Outage o : open) {
            Service service = b.services.get(o.service);
            service.openId = o.id;
            service.openStart = o.startedAt;
            service.lastEnd = lastEnds.get(o.service);
            byOutage.put(o.id, service);
        }
        for (Object[] row : targetRows) {
            Service service = byOutage.get(((Number) row[0]).longValue());
            if (service != null) {
                service.openTargets.add((String) row[1]);
            }
        }
    }

    /**
     * Applies {@code fresh[from..]} in order: in memory while the outage stays as it is, through
     * {@link OutageService#reevaluate} (after writing the states so far) when it changes, then continues.
     */
    private Uni<Batch> applyFrom(Batch b, List<Signal> fresh, int from, Instant now) {
        for (int i = from; i < fresh.size(); i++) {
            Signal signal = fresh.get(i);
            int next = i + 1;
            Key key = new Key(signal.target(), signal.region());
            TargetRegionState stored = b.stored.get(key);
            if (stored != null && !stored.service.equals(signal.service())) {
                // the target moved to another service: the one-signal path moves its row
                return writePending(b)
                        .chain(() -> applyAlone(signal, now))
                        .invoke(outcome -> record(b, outcome))
                        .chain(() -> reload(b))
                        .chain(() -> applyFrom(b, fresh, next, now));
            }
            if (stored != null && !stored.confirmedAt.isBefore(signal.confirmedAt())) {
                b.results.put(signal.id(), SignalOutcome.stale(signal.id()));
                continue;
            }
            TargetRegionState state = stateOf(signal);
            b.stored.put(key, state);
            Service service = b.services.get(signal.service());
            service.states.put(key, state);
            b.pending.put(key, signal);
            b.appliedIds.add(signal.id());
            List<String> newlyDown = new ArrayList<>();
            if (!changesOutage(service, b.liveness, newlyDown)) {
                if (!newlyDown.isEmpty()) {
                    // still down since the same start, with more targets: what reevaluate would do, in memory
                    service.openTargets.addAll(newlyDown);
                    b.pendingOutageTargets.computeIfAbsent(service.openId, id -> new TreeSet<>()).addAll(newlyDown);
                }
                b.results.put(signal.id(), new SignalOutcome(signal.id(), false, true, Evaluation.NONE));
                continue;
            }
            // the states, liveness and row reevaluate would read are those of the batch (written just before)
            return writePending(b)
                    .chain(() -> outages.reevaluate(signal.service(), signal, now, service.row, b.liveness,
                            List.copyOf(service.states.values())))
                    .invoke(evaluation -> b.results.put(signal.id(),
                            new SignalOutcome(signal.id(), false, true, evaluation)))
                    .chain(evaluation -> reloadOutage(service, signal.service(), evaluation))
                    .chain(() -> applyFrom(b, fresh, next, now));
        }
        return Uni.createFrom().item(b);
    }

    /** Records the outcome of a signal applied by the one-signal path (which marked it applied itself). */
    private static void record(Batch b, SignalOutcome outcome) {
        b.results.put(outcome.id(), outcome);
        if (outcome.applied()) {
            b.appliedIds.add(outcome.id());
        }
    }

    /**
     * Whether {@link OutageService#reevaluate} would open, reopen, move or end an outage: the service goes down or
     * up, or stays down with an earlier start. When it stays down since the same start, {@code newlyDown} receives the
     * down targets not yet recorded for the outage (all reevaluate would do then is record them).
     */
    private boolean changesOutage(Service service, Liveness liveness, List<String> newlyDown) {
        List<Quorum.RegionState> alive = OutageService.countedStates(new ArrayList<>(service.states.values()), liveness);
        Verdict verdict = Quorum.evaluate(alive, config.quorum(), service.components);
        if (!verdict.down()) {
            return service.openId != null;
        }
        if (service.openId == null) {
            return true;
        }
        // an earlier first bad probe moves the start back, but never before the previous outage's end
        if (OutageService.notBefore(verdict.start(), service.lastEnd).isBefore(service.openStart)) {
            return true;
        }
        verdict.downTargets().stream().map(Quorum.TargetTally::target)
                .filter(t -> !service.openTargets.contains(t)).forEach(newlyDown::add);
        return false;
    }

    private Uni<Void> reload(Batch b) {
        return Panache.getSession()
                .chain(session -> session.flush().invoke(session::clear))
                .chain(() -> load(b));
    }

    /**
     * After {@link OutageService#reevaluate} changed the outage of one service: writes what it left in the session,
     * clears the session, and reads that service's open outage (with its targets and the previous outage's end)
     * afresh (the batch's states are unchanged by it); after
     * {@link Evaluation.Change#ENDED} the service has none, so nothing is read.
     */
    private Uni<Void> reloadOutage(Service service, String name, Evaluation evaluation) {
        Uni<Void> written = Panache.getSession().chain(session -> session.flush().invoke(session::clear));
        if (evaluation.change() == Evaluation.Change.ENDED) {
            return written.invoke(() -> {
                service.openTargets.clear();
                service.openId = null;
                service.openStart = null;
                service.lastEnd = null;
            });
        }
        return written
                .chain(() -> outageRows.findOpenWithTargets(name))
                .invoke(open -> {
                    service.openTargets.clear();
                    service.openId = open == null ? null : open.id();
                    service.openStart = open == null ? null : open.startedAt();
                    service.lastEnd = open == null ? null : open.lastEnd();
                    if (open != null) {
                        service.openTargets.addAll(open.targets());
                    }
                })
                .chain(() -> Panache.getSession())
                .invoke(session -> session.clear())
                .replaceWithVoid();
    }

    private Uni<Void> writePending(Batch b) {
        Uni<Void> targets = Uni.createFrom().voidItem();
        for (Map.Entry<Long, Set<String>> e : b.pendingOutageTargets.entrySet()) {
            long outageId = e.getKey();
            List<String> names = List.copyOf(e.getValue());
            targets = targets.chain(() -> outageTargets.addAll(outageId, names));
        }
        b.pendingOutageTargets.clear();
        return targets.chain(() -> writePendingStates(b));
    }

    private Uni<Void> writePendingStates(Batch b) {
        if (b.pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = mapper.createArrayNode();
        b.pending.values().forEach(s -> rows.addObject()
                .put("target", s.target())
                .put("region", s.region())
                .put("service", s.service())
                .put("state", s.state().name())
                .put("reason", s.reason())
                .put("signal_id", s.id().toString())
                .put("observed_at", s.observedAt().toString())
                .put("confirmed_at", s.confirmedAt().toString()));
        b.pending.clear();
        return states.upsertAllIfNewer(rows.toString());
    }

    private static TargetRegionState stateOf(Signal signal) {
        TargetRegionState state = new TargetRegionState();
        state.target = signal.target();
        state.region = signal.region();
        state.service = signal.service();
        state.state = signal.state();
        state.reason = signal.reason();
        state.signalId = signal.id();
        state.observedAt = signal.observedAt();
        state.confirmedAt = signal.confirmedAt();
        return state;
    }

    private static List<SignalOutcome> outcomes(List<Signal> batch, Map<UUID, SignalOutcome> results) {
        Set<UUID> answered = new HashSet<>();
        List<SignalOutcome> out = new ArrayList<>(batch.size());
        for (Signal s : batch) {
            SignalOutcome result = results.get(s.id());
            out.add(result != null && answered.add(s.id()) ? result : SignalOutcome.duplicate(s.id()));
        }
        return out;
    }

    private static Timer batchTimer(MeterRegistry registry, String path) {
        return Timer.builder("signal.batch")
                .description("Duration of a signal batch's transactions, by path: sql-client (every batch), hibernate"
                        + " (the signals of services whose outage changes)")
                .tag("path", path)
                .register(registry);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * {@code insert ... on conflict do nothing} already turns a concurrent duplicate into "0 rows"; this is the belt to
     * those braces: a unique violation of the signal primary key still means "already stored".
     */
    static boolean isDuplicateId(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && RegionSignalRepository.PRIMARY_KEY.equals(pg.getConstraint())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
