package io.downtime.incident.integration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.integration.AlertmanagerPayload.Alert;
import io.downtime.incident.integration.AlertmanagerResult.AlertOutcome;
import io.downtime.incident.integration.IntegrationIncidents.Outcome;
import io.downtime.incident.integration.IntegrationIncidents.Trigger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns Alertmanager notifications into incidents: each alert of a group is one incident, dedup key
 * {@code alertmanager:<first 16 hex of SHA-256(groupKey)>:<fingerprint>}; a firing alert opens it (or updates its
 * severity), a resolved alert resolves it ({@code endedAt} = the alert's {@code endsAt}). The dedup key does not
 * name the integration, so the notifications of both members of an Alertmanager HA pair land on one incident. The
 * service is the alert's {@code service} label, else the {@code service} query parameter, else the integration's
 * default service. One transaction per notification: all of its alerts apply, or none.
 */
@ApplicationScoped
public class AlertmanagerService {

    /** Actor of timeline entries when the notification carried no integration token. */
    public static final String ANONYMOUS_ACTOR = "alertmanager";

    private final IntegrationService integrations;
    private final IntegrationIncidents incidents;
    private final Validator validator;

    public AlertmanagerService(IntegrationService integrations, IntegrationIncidents incidents, Validator validator) {
        this.validator = validator;
        this.integrations = integrations;
        this.incidents = incidents;
    }

    /**
     * Applies one notification.
     *
     * @param payload a validated version-4 payload
     * @param defaultService the {@code service} query parameter, may be null
     * @param bearerToken the integration key from {@code Authorization: Bearer}, may be null (no integration)
     * @return what happened to each alert, after commit
     * @throws ProblemException 401 unknown token; 422 an alert without service and no default service, or a service
     *         name over 200 characters (as a failed {@code Uni}; nothing is written)
     */
    public Uni<AlertmanagerResult> receive(AlertmanagerPayload payload, String defaultService, String bearerToken) {
        return Panache.withTransaction(() -> authenticate(bearerToken).chain(integration -> {
            String fallback = defaultService != null ? defaultService : integration.map(i -> i.service).orElse(null);
            String actor = integration.map(Integration::actor).orElse(ANONYMOUS_ACTOR);
            validate(payload);
            List<Alert> alerts = payload.alerts();
            rejectNul(payload);
            List<String> services = new ArrayList<>();
            for (int i = 0; i < alerts.size(); i++) {
                services.add(serviceOf(alerts.get(i), fallback, i));
            }
            String groupHash = IntegrationKeys.sha256Hex(payload.groupKey()).substring(0, 16);
            List<String> dedupKeys = alerts.stream()
                    .map(a -> "alertmanager:" + groupHash + ":" + a.fingerprint().toLowerCase(Locale.ROOT)).toList();
            // applied in (service, dedup key) order, so concurrent notifications take their dedup key locks in one order
            List<Integer> order = IntStream.range(0, alerts.size()).boxed()
                    .sorted(Comparator.comparing((Integer i) -> services.get(i)).thenComparing(dedupKeys::get))
                    .toList();
            AlertOutcome[] outcomes = new AlertOutcome[alerts.size()];
            return Multi.createFrom().iterable(order)
                    .onItem().transformToUniAndConcatenate(i -> apply(payload, alerts.get(i), services.get(i),
                            dedupKeys.get(i), actor).invoke(outcome -> outcomes[i] = outcome))
                    .collect().last()
                    .map(ignored -> new AlertmanagerResult(List.of(outcomes)));
        })).onFailure(IntegrationIncidents::isRetryable).retry().atMost(2);
    }

    /** Bean Validation of the payload, after the caller is authenticated: 400 without body, 422 with violations. */
    private void validate(AlertmanagerPayload payload) {
        if (payload == null) {
            throw new ProblemException(400, "Bad Request", "A JSON body (Alertmanager webhook payload) is required.");
        }
        Set<ConstraintViolation<AlertmanagerPayload>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private Uni<AlertOutcome> apply(AlertmanagerPayload payload, Alert alert, String service, String dedupKey, String actor) {
        Uni<Outcome> outcome;
        if (alert.firing()) {
            String alertname = alert.label("alertname");
            String summary = alert.summary();
            String detail = "Alertmanager alert " + (alertname == null ? "(no alertname)" : alertname) + " firing since "
                    + alert.startsAt() + (summary == null ? "" : ": " + summary) + "; labels " + new TreeMap<>(alert.labels())
                    + "; fingerprint " + alert.fingerprint() + ", group " + payload.groupKey()
                    + (payload.receiver() == null ? "" : ", receiver " + payload.receiver())
                    + (alert.generatorURL() == null || alert.generatorURL().isBlank() ? "" : "; " + alert.generatorURL());
            outcome = incidents.trigger(new Trigger(service, dedupKey, Severities.fromLabel(alert.label("severity")),
                    alertname, alert.startsAt(), actor, detail, false));
        } else {
            Instant endsAt = alert.endsAt() == null || alert.endsAt().isBefore(alert.startsAt()) ? null : alert.endsAt();
            outcome = incidents.resolve(dedupKey, actor,
                    "Alertmanager alert resolved" + (endsAt == null ? "" : " at " + endsAt) + " (fingerprint "
                            + alert.fingerprint() + ")",
                    endsAt);
        }
        return outcome.map(o -> new AlertOutcome(alert.fingerprint(), alert.status(), service, dedupKey, o.change(),
                o.incidentId()));
    }

    private Uni<Optional<Integration>> authenticate(String bearerToken) {
        if (bearerToken == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return integrations.authenticate(IntegrationKind.ALERTMANAGER, bearerToken)
                .onItem().ifNull().failWith(() -> new ProblemException(401, "Unauthorized",
                        "The bearer token is not the key of an active alertmanager integration."))
                .map(Optional::of);
    }

    /** PostgreSQL text cannot hold NUL characters: such a payload is refused (422) rather than failing on write. */
    private static void rejectNul(AlertmanagerPayload payload) {
        List<String> texts = new ArrayList<>();
        texts.add(payload.groupKey());
        texts.add(payload.receiver());
        for (Alert alert : payload.alerts()) {
            texts.add(alert.generatorURL());
            alert.labels().forEach((k, v) -> {
                texts.add(k);
                texts.add(v);
            });
            if (alert.annotations() != null) {
                alert.annotations().forEach((k, v) -> {
                    texts.add(k);
                    texts.add(v);
                });
            }
        }
        if (texts.stream().anyMatch(t -> t != null && t.indexOf('\0') >= 0)) {
            throw ProblemException.unprocessable("The payload contains NUL characters (groupKey, receiver, labels,"
                    + " annotations or generatorURL).");
        }
    }

    private static String serviceOf(Alert alert, String fallback, int index) {
        String service = alert.label("service");
        if (service == null) {
            service = fallback;
        }
        if (service == null || service.isBlank()) {
            throw ProblemException.unprocessable("alerts[" + index + "] (fingerprint " + alert.fingerprint()
                    + ") has no service label, and there is no default service (query parameter service, or the"
                    + " integration's service)");
        }
        if (service.length() > 200 || service.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.unprocessable("alerts[" + index + "]: service must be at most 200 characters"
                    + " without control characters");
        }
        return service.strip();
    }
}
