package io.downtime.incident.notify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends the webhook deliveries that the database trigger queued, at least once each:
 * <ol>
 * <li>claim up to {@code batch-size} due {@code PENDING} deliveries of active subscriptions
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas split the work) by moving their next attempt a lease ahead, and commit;
 * </li>
 * <li>POST each (up to {@code concurrency} at once, no transaction open): body {@link WebhookEvent}, headers
 * {@code X-Downtime-Signature} ({@link WebhookSignature}), {@code X-Downtime-Event} (type),
 * {@code X-Downtime-Event-Id}, {@code X-Downtime-Delivery}; to the address {@link WebhookUrlGuard} checked, redirects
 * not followed;</li>
 * <li>record each result: a 2xx answer → {@code DELIVERED}; anything else (other status, timeout, refused connection,
 * SSRF guard) → the next attempt after an exponential back-off with equal jitter, or {@code FAILED} once the
 * delivery is older than {@code give-up-after}.</li>
 * </ol>
 * A replica that dies between claim and record leaves the deliveries claimed until the lease ends; then they are sent
 * again (receivers dedupe on the event id). Deliveries are not ordered: receivers order by event id.
 * <p>
 * Metrics: {@code webhook_deliveries_total{outcome="delivered|retry|failed"}}.
 */
@ApplicationScoped
public class WebhookRelay {

    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);

    private static final String CLAIM = """
            update webhook_delivery d
               set next_attempt_at = now() + make_interval(secs => $2)
              from webhook_subscription s
             where s.id = d.subscription_id
               and d.id in (select d2.id
                              from webhook_delivery d2
                              join webhook_subscription s2 on s2.id = d2.subscription_id
                             where d2.status = 'PENDING' and d2.next_attempt_at <= now() and s2.active
                             order by d2.next_attempt_at, d2.id
                             limit $1
                               for update of d2 skip locked)
            returning d.id, d.timeline_entry_id, d.event_type, d.snapshot::text as snapshot, d.attempts, d.created_at, s.url, s.secret
            """;

    private static final String RECORD = """
            update webhook_delivery
               set status = $2, attempts = attempts + 1, last_attempt_at = $3, last_status_code = $4, last_error = $5,
                   next_attempt_at = $6, delivered_at = $7
             where id = $1 and status = 'PENDING'
            """;

    private static final String PRUNE = """
            delete from webhook_delivery
             where status in ('DELIVERED', 'FAILED') and created_at < now() - make_interval(secs => $1)
            """;

    private record Claimed(long id, long eventId, String eventType, String snapshot, int attempts, Instant createdAt,
            String url,
            String secret) {
    }

    private record Result(Claimed delivery, Integer statusCode, String error, Instant at) {
        boolean delivered() {
            return error == null;
        }
    }

    private final Pool pool;
    private final WebClient client;
    private final WebhookUrlGuard guard;
    private final WebhooksConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;

    public WebhookRelay(Pool pool, Vertx vertx, WebhookUrlGuard guard, WebhooksConfig config, ObjectMapper mapper,
            Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.guard = guard;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        int timeoutMs = (int) config.timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMs)
                .setUserAgent("downtime-incident-service")
                .setMaxPoolSize(config.concurrency()));
        this.delivered = counter(registry, "delivered");
        this.retried = counter(registry, "retry");
        this.failed = counter(registry, "failed");
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * One relay run, every {@code downtime.webhooks.poll-interval}: rounds of claim, send, record until a round finds
     * fewer due deliveries than a full batch. Single-flight within the process.
     */
    @Scheduled(every = "${downtime.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return round()
                .onFailure().invoke(e -> LOG.warnf("webhook relay round failed: %s", e.toString()))
                .onFailure().recoverWithItem(0)
                .eventually(() -> running.set(false))
                .replaceWithVoid();
    }

    /**
     * Deletes {@code DELIVERED} and {@code FAILED} deliveries older than {@code downtime.webhooks.retention}, hourly.
     * Pending deliveries are never deleted.
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        double retentionSeconds = config.retention().toSeconds();
        return pool.preparedQuery(PRUNE).execute(Tuple.of(retentionSeconds))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.infof("deleted %d webhook deliveries older than %s", rows.rowCount(), config.retention());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("webhook delivery log pruning failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Integer> round() {
        return claim().chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(claimed)
                    .onItem().transformToUni(this::send).merge(config.concurrency())
                    .collect().asList()
                    .chain(this::record)
                    .chain(() -> claimed.size() >= config.batchSize() ? round() : Uni.createFrom().item(claimed.size()));
        });
    }

    private Uni<List<Claimed>> claim() {
        double leaseSeconds = config.lease().toMillis() / 1000.0;
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(config.batchSize(), leaseSeconds)))
                .map(rows -> {
                    List<Claimed> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Claimed(row.getLong("id"), row.getLong("timeline_entry_id"), row.getString("event_type"),
                                row.getString("snapshot"), row.getInteger("attempts"),
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getString("url"), row.getString("secret")));
                    }
                    return list;
                });
    }

    private Uni<Result> send(Claimed d) {
        byte[] body;
        URI uri;
        try {
            body = mapper.writeValueAsBytes(WebhookEvent.fromSnapshot(d.eventType(), mapper.readTree(d.snapshot())));
            uri = URI.create(d.url());
        } catch (Exception e) {
            return Uni.createFrom().item(new Result(d, null, "cannot build the request: " + e, now()));
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return guard.resolve(uri)
                .chain(address -> {
                    long t = clock.instant().getEpochSecond();
                    return client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(port, address.getHostAddress()),
                            port, uri.getHost(), path)
                            .ssl(https)
                            .timeout(config.timeout().toMillis())
                            .putHeader("Content-Type", "application/json")
                            .putHeader(WebhookSignature.HEADER, WebhookSignature.header(d.secret(), t, body))
                            .putHeader("X-Downtime-Event", d.eventType())
                            .putHeader("X-Downtime-Event-Id", String.valueOf(d.eventId()))
                            .putHeader("X-Downtime-Delivery", String.valueOf(d.id()))
                            .sendBuffer(Buffer.buffer(body));
                })
                .map(response -> outcome(d, response))
                .onFailure().recoverWithItem(e -> new Result(d, null, describe(e), now()));
    }

    private Result outcome(Claimed d, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Result(d, status, null, now());
        }
        String answer = response.bodyAsString();
        answer = answer == null ? "" : answer.length() > 200 ? answer.substring(0, 200) : answer;
        return new Result(d, status, "HTTP " + status + (answer.isBlank() ? "" : ": " + answer), now());
    }

    private Uni<Void> record(List<Result> results) {
        List<Tuple> rows = new ArrayList<>();
        for (Result r : results) {
            OffsetDateTime at = utc(r.at());
            if (r.delivered()) {
                delivered.increment();
                rows.add(tuple(r.delivery().id(), WebhookDelivery.Status.DELIVERED, at, r.statusCode(), null, at, at));
                continue;
            }
            int attempts = r.delivery().attempts() + 1;
            boolean giveUp = Duration.between(r.delivery().createdAt(), r.at()).compareTo(config.giveUpAfter()) >= 0;
            (giveUp ? failed : retried).increment();
            Instant next = r.at().plus(backoff(attempts));
            LOG.debugf("webhook delivery %d to %s failed (%s); %s", r.delivery().id(), r.delivery().url(), r.error(),
                    giveUp ? "giving up" : "next attempt at " + next);
            rows.add(tuple(r.delivery().id(), giveUp ? WebhookDelivery.Status.FAILED : WebhookDelivery.Status.PENDING, at,
                    r.statusCode(), truncate(r.error()), utc(next), null));
        }
        return pool.withTransaction(conn -> conn.preparedQuery(RECORD).executeBatch(rows)).replaceWithVoid();
    }

    /** Equal-jitter exponential back-off for the given attempt number (1-based). */
    Duration backoff(int attempts) {
        long base = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long ceiling = Math.min(cap, base << Math.min(attempts - 1, 30));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static Tuple tuple(long id, WebhookDelivery.Status status, OffsetDateTime at, Integer code, String error,
            OffsetDateTime next, OffsetDateTime deliveredAt) {
        return Tuple.tuple().addLong(id).addString(status.name()).addValue(at).addValue(code).addValue(error)
                .addValue(next).addValue(deliveredAt);
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("webhook.deliveries")
                .description(
                        "Webhook delivery attempts by outcome: delivered, retry (failed, will be retried), failed (gave up)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
