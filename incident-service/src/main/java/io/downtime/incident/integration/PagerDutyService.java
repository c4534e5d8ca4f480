package io.downtime.incident.integration;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.incident.integration.IntegrationIncidents.Outcome;
import io.downtime.incident.integration.IntegrationIncidents.Trigger;
import io.downtime.incident.integration.PagerDutyEvent.Parsed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * PagerDuty Events API v2 semantics on incident-service's incidents:
 * <ul>
 * <li>{@code trigger}: opens an incident of the routing key's service for the dedup key (generated when absent),
 * or, while one is open, records the event on it ({@code TRIGGER_ADDED}, severity follows the event); a trigger after
 * resolve opens a new incident.</li>
 * <li>{@code acknowledge}: acknowledges the open incident of the dedup key when it is {@code TRIGGERED}.</li>
 * <li>{@code resolve}: resolves it.</li>
 * <li>acknowledge or resolve of a dedup key with no open incident is dropped, still 202.</li>
 * </ul>
 * Dedup keys are scoped per integration: the incident's key is {@code pagerduty:<integration id>:<dedup_key>}
 * ({@code pagerduty:<id>:sha256:<hex of dedup_key>} when that would exceed 255 characters). Each valid event of a
 * routing key takes a token of {@link RoutingKeyRateLimiter}; none left → 429.
 */
@ApplicationScoped
public class PagerDutyService {

    /** An answer: HTTP status and PagerDuty-style body. */
    public record Reply(int status, PagerDutyResponse body, long retryAfterSeconds) {
    }

    private final ObjectMapper mapper;
    private final IntegrationService integrations;
    private final IntegrationIncidents incidents;
    private final RoutingKeyRateLimiter limiter;
    private final IntegrationsConfig config;

    public PagerDutyService(ObjectMapper mapper, IntegrationService integrations, IntegrationIncidents incidents,
            RoutingKeyRateLimiter limiter, IntegrationsConfig config) {
        this.mapper = mapper;
        this.integrations = integrations;
        this.incidents = incidents;
        this.limiter = limiter;
        this.config = config;
    }

    /**
     * Handles one event body.
     *
     * @param body the raw request body (JSON)
     * @return 202 success with the dedup key; 400 invalid event (malformed JSON, invalid fields, unknown routing
     *         key) with errors; 429 throttled. Nothing is written unless 202.
     */
    public Uni<Reply> enqueue(byte[] body) {
        if (body == null || body.length == 0) {
            return invalid("Event object is missing (empty body)");
        }
        if (body.length > config.pagerduty().maxEventBytes()) {
            return invalid("Event object is too large (must be at most " + config.pagerduty().maxEventBytes() + " bytes)");
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return invalid("Malformed JSON");
        }
        Parsed parsed = PagerDutyEvent.parse(json);
        if (parsed.event() == null) {
            return Uni.createFrom().item(new Reply(400, PagerDutyResponse.invalid(parsed.errors()), 0));
        }
        PagerDutyEvent event = parsed.event();
        String dedupKey = event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString().replace("-", "");
        return Panache.withTransaction(() -> integrations.authenticate(IntegrationKind.PAGERDUTY, event.routingKey())
                .chain(integration -> {
                    if (integration == null) {
                        return Uni.createFrom()
                                .item(new Reply(400, PagerDutyResponse.invalid(List.of("Invalid routing key")), 0));
                    }
                    long wait = limiter.tryAcquire(IntegrationKeys.sha256Hex(event.routingKey()));
                    if (wait > 0) {
                        return Uni.createFrom().item(new Reply(429, PagerDutyResponse.throttled(wait), wait));
                    }
                    return apply(integration, event, dedupKey)
                            .replaceWith(new Reply(202, PagerDutyResponse.success(dedupKey), 0));
                }))
                .onFailure(IntegrationIncidents::isRetryable).retry().atMost(2);
    }

    private Uni<Outcome> apply(Integration integration, PagerDutyEvent event, String dedupKey) {
        String key = incidentDedupKey(integration.id, dedupKey);
        String actor = integration.actor();
        return switch (event.action()) {
            case TRIGGER -> incidents.trigger(new Trigger(integration.service, key, event.severity(), event.summary(),
                    event.timestamp(), actor, describe(event, dedupKey), true));
            case ACKNOWLEDGE -> incidents.acknowledge(key, actor, "PagerDuty acknowledge event (dedup_key " + dedupKey + ")");
            case RESOLVE -> incidents.resolve(key, actor, "PagerDuty resolve event (dedup_key " + dedupKey + ")", null);
        };
    }

    /**
     * @return the incident dedup key of a PagerDuty dedup key of an integration:
     *         {@code pagerduty:<integrationId>:<dedupKey>}, or {@code pagerduty:<integrationId>:sha256:<hex>} when that
     *         would be longer than 255 characters
     */
    static String incidentDedupKey(long integrationId, String dedupKey) {
        String prefix = "pagerduty:" + integrationId + ":";
        String plain = prefix + dedupKey;
        return plain.length() <= 255 ? plain : prefix + "sha256:" + IntegrationKeys.sha256Hex(dedupKey);
    }

    private static String describe(PagerDutyEvent e, String dedupKey) {
        StringBuilder s = new StringBuilder("PagerDuty trigger from ").append(e.source()).append(": ").append(e.summary())
                .append("; severity ").append(e.severity().name().toLowerCase(java.util.Locale.ROOT))
                .append("; dedup_key ").append(dedupKey);
        if (e.component() != null) {
            s.append("; component ").append(e.component());
        }
        if (e.group() != null) {
            s.append("; group ").append(e.group());
        }
        if (e.eventClass() != null) {
            s.append("; class ").append(e.eventClass());
        }
        if (e.client() != null) {
            s.append("; client ").append(e.client());
        }
        if (e.customDetails() != null) {
            s.append("; custom_details ").append(e.customDetails());
        }
        return s.toString();
    }

    private static Uni<Reply> invalid(String error) {
        return Uni.createFrom().item(new Reply(400, PagerDutyResponse.invalid(List.of(error)), 0));
    }
}
