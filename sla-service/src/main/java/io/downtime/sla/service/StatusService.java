package io.downtime.sla.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.sla.client.IncidentGateway;
import io.downtime.sla.client.IncidentOutage;
import io.downtime.sla.client.IncidentSummary;
import io.downtime.sla.config.StatusConfig;
import io.downtime.sla.domain.SlaEntity;
import io.downtime.sla.model.SlaResponse;
import io.downtime.sla.model.StatusPage;
import io.downtime.sla.model.StatusPage.ActiveIncident;
import io.downtime.sla.model.StatusPage.DayBar;
import io.downtime.sla.model.StatusPage.ServiceStatus;
import io.downtime.sla.report.Outage;
import io.downtime.sla.report.SlaCalculator;
import io.downtime.sla.report.SlaReport;
import io.downtime.sla.report.SlaTerms;
import io.downtime.sla.repository.SlaRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

/**
 * Builds the public status page: for every service with an SLA (or those of {@code downtime.sla.status.services}),
 * its state now, its open incidents and one availability bar per UTC day.
 * <p>
 * Per service, one outages call covers all days ({@code [first day 00:00 UTC, now)}), and each day's availability is
 * computed from it with {@link SlaCalculator} (today up to now); three incidents calls list the open statuses
 * ({@code TRIGGERED}, {@code ACKNOWLEDGED}, {@code MITIGATED}). When incident-service cannot answer, the page is still
 * built: that service's state is {@code unknown}, the missing parts are flagged and the page shows a notice.
 */
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class);
    private static final List<String> OPEN_STATUSES = List.of("TRIGGERED", "ACKNOWLEDGED", "MITIGATED");
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal NINETY_NINE = BigDecimal.valueOf(99);
    private static final BigDecimal NINETY_FIVE = BigDecimal.valueOf(95);

    private final SlaRepository slas;
    private final IncidentGateway incident;
    private final StatusConfig config;

    public StatusService(SlaRepository slas, IncidentGateway incident, StatusConfig config) {
        this.slas = slas;
        this.incident = incident;
        this.config = config;
    }

    /** @return the page as of now; never fails because of incident-service (only when the database fails) */
    public Uni<StatusPage> page() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Panache.withSession(() -> slas.listAll(Sort.by("service")))
                .map(this::shown)
                .chain(shown -> {
                    if (shown.isEmpty()) {
                        return Uni.createFrom().item(List.<ServiceStatus> of());
                    }
                    return Multi.createFrom().range(0, shown.size())
                            .onItem().transformToUni(i -> service(shown.get(i), now).map(s -> Tuple2.of(i, s)))
                            .merge(config.concurrency())
                            .collect().asList()
                            .map(list -> list.stream().sorted(Comparator.comparing(Tuple2::getItem1))
                                    .map(Tuple2::getItem2).toList());
                })
                .map(services -> page(now, services));
    }

    /** The SLAs to show, as API views, in display order. */
    private List<SlaResponse> shown(List<SlaEntity> all) {
        List<SlaResponse> slaViews = all.stream().map(SlaService::toResponse).toList();
        if (config.services().isEmpty()) {
            return slaViews;
        }
        List<SlaResponse> shown = new ArrayList<>();
        for (String name : config.services().get()) {
            slaViews.stream().filter(s -> s.service().equals(name.strip())).findFirst().ifPresent(shown::add);
        }
        return shown;
    }

    private StatusPage page(Instant now, List<ServiceStatus> services) {
        boolean unavailable = services.stream().anyMatch(s -> s.historyUnavailable() || s.incidentsUnavailable());
        long down = services.stream().filter(s -> s.state().equals("down")).count();
        boolean unknown = services.stream().anyMatch(s -> s.state().equals("unknown"));
        String overall = down > 0 ? "down" : unknown ? "unknown" : "up";
        String summary = down > 0 ? (down == 1 ? "1 service is down" : down + " services are down")
                : unknown ? "The current state could not be read for every service"
                        : services.isEmpty() ? "No services to show yet" : "All services operational";
        return new StatusPage(now, LABEL.format(now), config.days(), overall, summary, services, unavailable);
    }

    private Uni<ServiceStatus> service(SlaResponse sla, Instant now) {
        String name = sla.service();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(config.days() - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();

        Uni<Optional<List<Outage>>> history = incident.outages(name, from, now)
                .map(outages -> Optional.of(toOutages(outages)))
                .onFailure().recoverWithItem(e -> unavailable(name, "outages", e));
        Uni<Optional<List<ActiveIncident>>> open = Multi.createFrom().iterable(OPEN_STATUSES)
                .onItem().transformToUniAndConcatenate(status -> incident.incidents(name, status))
                .collect().asList()
                .map(lists -> Optional.of(active(lists)))
                .onFailure().recoverWithItem(e -> unavailable(name, "incidents", e));

        return Uni.combine().all().unis(history, open).asTuple().map(results -> {
            Optional<List<Outage>> outages = results.getItem1();
            Optional<List<ActiveIncident>> incidents = results.getItem2();
            String state = outages.map(list -> isDown(list, now) ? "down" : "up").orElse("unknown");
            String label = switch (state) {
                case "down" -> "Down";
                case "up" -> "Operational";
                default -> "Unknown";
            };
            SlaTerms terms = new SlaTerms(sla.objective(), null, List.of());
            String uptime = outages.filter(list -> from.isBefore(now))
                    .map(list -> percent(SlaCalculator.report(name, terms, from, now, now, list).availabilityPercent()))
                    .orElse(null);
            List<DayBar> bars = outages.map(list -> bars(name, terms, first, now, list)).orElse(List.of());
            return new ServiceStatus(name, state, label, uptime, bars, outages.isEmpty(),
                    incidents.orElse(List.of()), incidents.isEmpty());
        });
    }

    private List<DayBar> bars(String service, SlaTerms terms, LocalDate first, Instant now, List<Outage> outages) {
        List<DayBar> bars = new ArrayList<>(config.days());
        for (int i = 0; i < config.days(); i++) {
            LocalDate day = first.plusDays(i);
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = start.plus(Duration.ofDays(1));
            if (end.isAfter(now)) {
                end = now;
            }
            BigDecimal availability = HUNDRED;
            BigDecimal downtime = BigDecimal.ZERO;
            if (start.isBefore(end)) {
                SlaReport report = SlaCalculator.report(service, terms, start, end, now, outages);
                availability = report.availabilityPercent();
                downtime = report.downtimeSeconds();
            }
            String shown = percent(availability);
            bars.add(new DayBar(day, level(availability), shown, downtime,
                    day + ": " + shown + " % available, " + downtime.toPlainString() + " s down"));
        }
        return bars;
    }

    /** @return {@code ok} 100 %, {@code minor} ≥ 99 %, {@code partial} ≥ 95 %, {@code major} below */
    static String level(BigDecimal availability) {
        if (availability.compareTo(HUNDRED) >= 0) {
            return "ok";
        }
        if (availability.compareTo(NINETY_NINE) >= 0) {
            return "minor";
        }
        return availability.compareTo(NINETY_FIVE) >= 0 ? "partial" : "major";
    }

    /** Truncated, never rounded up: 99.9999 shows as 99.999, not 100. */
    private static String percent(BigDecimal value) {
        BigDecimal truncated = value.setScale(3, RoundingMode.DOWN).stripTrailingZeros();
        return (truncated.scale() < 0 ? truncated.setScale(0) : truncated).toPlainString();
    }

    private static boolean isDown(List<Outage> outages, Instant now) {
        return outages.stream()
                .anyMatch(o -> !o.start().isAfter(now) && (o.end() == null || o.end().isAfter(now)));
    }

    private static List<Outage> toOutages(List<IncidentOutage> outages) {
        if (outages == null) {
            throw new IllegalStateException("no outage list");
        }
        return outages.stream().map(o -> {
            if (o == null || o.start() == null) {
                throw new IllegalStateException("outage without start");
            }
            return new Outage(o.start(), o.end(), o.reason());
        }).toList();
    }

    private static List<ActiveIncident> active(List<List<IncidentSummary>> lists) {
        return lists.stream().flatMap(List::stream)
                .filter(i -> i != null && i.id() != null)
                .sorted(Comparator.comparing(IncidentSummary::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(i -> new ActiveIncident(i.id(), i.status(), i.reason(), i.startedAt(),
                        i.startedAt() == null ? "unknown" : LABEL.format(i.startedAt())))
                .toList();
    }

    private static <T> Optional<T> unavailable(String service, String what, Throwable failure) {
        LOG.warnf("Status page: %s of %s unavailable from incident-service: %s", what, service, failure.toString());
        return Optional.empty();
    }
}
