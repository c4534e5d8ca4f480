package io.downtime.incident.notify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Webhook subscriptions and their delivery logs. */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookUrlGuard guard;
    private final Clock clock;

    public WebhookService(WebhookUrlGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Creates a subscription; events from now on are delivered to it.
     *
     * @return the subscription, with the secret only when it was generated
     * @throws ProblemException 422 when the URL is refused by {@link WebhookUrlGuard}
     */
    @WithTransaction
    public Uni<WebhookView> create(WebhookRequest request) {
        WebhookSubscription s = new WebhookSubscription();
        String generated = request.secret() == null ? "whsec_" + HexFormat.of().formatHex(randomBytes()) : null;
        apply(s, request);
        s.secret = generated != null ? generated : request.secret();
        s.createdAt = now();
        s.updatedAt = s.createdAt;
        return s.<WebhookSubscription> persistAndFlush().map(saved -> WebhookView.from(saved, generated));
    }

    /**
     * Replaces url, service, active and description; the secret only when given.
     *
     * @throws ProblemException 404 unknown id, 422 refused URL
     */
    @WithTransaction
    public Uni<WebhookView> update(long id, WebhookRequest request) {
        return find(id).map(s -> {
            apply(s, request);
            if (request.secret() != null) {
                s.secret = request.secret();
            }
            s.updatedAt = now();
            return WebhookView.from(s, null);
        });
    }

    /** @return every subscription by id, without secrets */
    @WithSession
    public Uni<List<WebhookView>> list() {
        return WebhookSubscription.<WebhookSubscription> listAll(Sort.ascending("id"))
                .map(all -> all.stream().map(s -> WebhookView.from(s, null)).toList());
    }

    /** @throws ProblemException 404 unknown id */
    @WithSession
    public Uni<WebhookView> get(long id) {
        return find(id).map(s -> WebhookView.from(s, null));
    }

    /**
     * Deletes the subscription and its delivery log (pending deliveries are not sent).
     *
     * @throws ProblemException 404 unknown id
     */
    @WithTransaction
    public Uni<Void> delete(long id) {
        return find(id).chain(s -> s.delete());
    }

    /**
     * The delivery log of a subscription, newest first.
     *
     * @param status only this status when not null
     * @param limit at most this many
     * @throws ProblemException 404 unknown subscription
     */
    @WithSession
    public Uni<List<DeliveryView>> deliveries(long id, WebhookDelivery.Status status, int limit) {
        return find(id).chain(s -> (status == null
                ? WebhookDelivery.<WebhookDelivery> find("subscriptionId", Sort.descending("id"), id)
                : WebhookDelivery.<WebhookDelivery> find("subscriptionId = ?1 and status = ?2", Sort.descending("id"), id,
                        status))
                .range(0, limit - 1).list())
                .map(list -> list.stream().map(DeliveryView::from).toList());
    }

    /**
     * Queues a delivery again (e.g. a {@code FAILED} one after the receiver was fixed): status {@code PENDING}, next
     * attempt now. Its attempt count goes on.
     *
     * @throws ProblemException 404 unknown subscription or delivery
     */
    @WithTransaction
    public Uni<DeliveryView> redeliver(long id, long deliveryId) {
        return WebhookDelivery.<WebhookDelivery> find("id = ?1 and subscriptionId = ?2", deliveryId, id).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException
                        .notFound("Delivery " + deliveryId + " of webhook " + id + " does not exist."))
                .map(d -> {
                    d.status = WebhookDelivery.Status.PENDING;
                    d.nextAttemptAt = now();
                    d.deliveredAt = null;
                    return DeliveryView.from(d);
                });
    }

    private void apply(WebhookSubscription s, WebhookRequest request) {
        s.url = guard.check(request.url()).toString();
        s.service = request.service() == null ? null : request.service().strip();
        s.active = request.active() == null || request.active();
        s.description = request.description();
    }

    private Uni<WebhookSubscription> find(long id) {
        return WebhookSubscription.<WebhookSubscription> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Webhook " + id + " does not exist."));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
