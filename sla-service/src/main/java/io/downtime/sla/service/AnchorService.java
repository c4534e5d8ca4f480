package io.downtime.sla.service;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.downtime.common.problem.ProblemException;
import io.downtime.sla.client.AnchorChain;
import io.downtime.sla.client.ChainRejectedException;
import io.downtime.sla.client.ChainUnavailableException;
import io.downtime.sla.config.AnchorConfig;
import io.downtime.sla.domain.AnchorEntity;
import io.downtime.sla.model.AnchorResponse;
import io.downtime.sla.model.AnchorVerification;
import io.downtime.sla.model.AnchorVerification.Check;
import io.downtime.sla.report.AnchoredReport;
import io.downtime.sla.repository.AnchorRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Anchors SLA reports on an EVM chain and verifies them later.
 * <p>
 * Anchoring: compute the report ({@link ReportService}), its {@link AnchoredReport canonical document and SHA-256},
 * send a transaction carrying the digest, wait until it is mined, and only then store the anchor. Nothing is stored
 * half-way: a failure before the receipt (RPC down, transaction rejected or not mined in time) stores nothing and
 * answers 502/503. A transaction that is mined after such a timeout is orphaned on chain — harmless, since an anchor
 * is only ever looked up from its stored row, whereas a stored row without a mined transaction would be a false
 * claim. A crash between the receipt and the insert has the same harmless outcome.
 * <p>
 * Threads: web3j blocks, so every chain call runs on the worker pool; the result hops back to the request's Vert.x
 * context before Hibernate Reactive is used. Waiting for the receipt re-polls ({@code receipt-poll-interval}, up to
 * {@code receipt-timeout}) with non-blocking delays in between.
 */
@ApplicationScoped
public class AnchorService {

    private static final Logger LOG = Logger.getLogger(AnchorService.class);

    /** Most anchors listed at once. */
    public static final int LIST_LIMIT = 100;

    private final ReportService reports;
    private final AnchorChain chain;
    private final AnchorRepository repository;
    private final AnchorConfig config;

    public AnchorService(ReportService reports, AnchorChain chain, AnchorRepository repository, AnchorConfig config) {
        this.reports = reports;
        this.chain = chain;
        this.repository = repository;
        this.config = config;
    }

    /**
     * Anchors the report of {@code service} over {@code [from, to)} (defaults as {@link ReportService#report}).
     *
     * @param service service name
     * @param from inclusive start, or {@code null}
     * @param to exclusive end, or {@code null} (now); must not be in the future
     * @return the stored anchor; fails with {@link ProblemException}: 503 when anchoring is not configured, 422 when
     *         {@code to} is in the future, 400 when {@code from ≥ to}, 404 without SLA, 502/503 when incident-service
     *         or the chain fails (nothing stored)
     */
    public Uni<AnchorResponse> anchor(String service, Instant from, Instant to) {
        Optional<String> unavailable = chain.anchoringUnavailable();
        if (unavailable.isPresent()) {
            return Uni.createFrom().failure(ProblemException.unavailable(unavailable.get()));
        }
        if (to != null && to.isAfter(Instant.now())) {
            return Uni.createFrom().failure(ProblemException.unprocessable("to: " + to
                    + " is in the future; only a period that has ended can be anchored (its report must not change)"));
        }
        Executor context = currentContext();
        return reports.report(service, from, to)
                .chain(report -> {
                    AnchoredReport document = AnchoredReport.of(report);
                    return blocking(() -> chain.send(document.digest()))
                            .chain(this::awaitReceipt)
                            .onFailure().transform(e -> translate(e, "nothing was stored"))
                            .emitOn(context)
                            .chain(receipt -> store(report.service(), report.from(), report.to(), document, receipt));
                })
                .map(AnchorService::toResponse);
    }

    /**
     * @param service service name
     * @param id anchor id
     * @return the anchor; fails with 404 when there is none with this id for this service
     */
    public Uni<AnchorResponse> find(String service, long id) {
        return entity(service, id).map(AnchorService::toResponse);
    }

    /**
     * @param service service name
     * @return the service's anchors, newest first, at most {@link #LIST_LIMIT}
     */
    public Uni<List<AnchorResponse>> list(String service) {
        return Panache.withSession(() -> repository.listByService(service, LIST_LIMIT))
                .map(anchors -> anchors.stream().map(AnchorService::toResponse).toList());
    }

    /**
     * Recomputes the report of the anchor's service and period and compares it, and the transaction on chain, with
     * what was stored.
     *
     * @param service service name
     * @param id anchor id
     * @return the checks; fails with 404 for an unknown anchor, 503 when the chain is not configured or serves
     *         another chain than the anchor's, 502/503 when incident-service or the chain fails (nothing can be said
     *         then, rather than a misleading {@code false})
     */
    public Uni<AnchorVerification> verify(String service, long id) {
        Executor context = currentContext();
        return entity(service, id).chain(anchor -> {
            Optional<String> unavailable = chain.readingUnavailable();
            if (unavailable.isPresent()) {
                return Uni.createFrom().failure(ProblemException.unavailable(unavailable.get()));
            }
            if (chain.chainId() != anchor.chainId) {
                return Uni.createFrom().failure(ProblemException.unavailable("anchor " + id + " is on chain "
                        + anchor.chainId + " but the configured chain is " + chain.chainId() + "; it cannot be verified here"));
            }
            return reports.report(anchor.service, anchor.periodFrom, anchor.periodTo)
                    .map(report -> AnchoredReport.of(report).digest())
                    .chain(recomputed -> blocking(() -> chain.transaction(anchor.txHash))
                            .onFailure().transform(e -> translate(e, "the anchor cannot be verified now"))
                            .emitOn(context)
                            .map(transaction -> verification(anchor, recomputed, transaction.orElse(null))));
        });
    }

    private Uni<AnchorEntity> entity(String service, long id) {
        return Panache.withSession(() -> repository.findById(id))
                .map(anchor -> {
                    if (anchor == null || !anchor.service.equals(service)) {
                        throw ProblemException.notFound("no anchor " + id + " for service '" + service + "'");
                    }
                    return anchor;
                });
    }

    private Uni<TransactionReceipt> awaitReceipt(String hash) {
        Duration poll = config.receiptPollInterval();
        Duration timeout = config.receiptTimeout();
        long attempts = Math.max(1, timeout.toMillis() / Math.max(1, poll.toMillis()));
        return blocking(() -> chain.receipt(hash).orElseThrow(NotMinedYet::new))
                // a transient RPC failure while waiting is retried too: the transaction has been sent already
                .onFailure(e -> e instanceof NotMinedYet || e instanceof ChainUnavailableException)
                .retry().withBackOff(poll, poll).withJitter(0).atMost(attempts)
                .onFailure(NotMinedYet.class).transform(e -> ProblemException.unavailable("the anchor transaction " + hash
                        + " was not mined within " + timeout.toSeconds() + " s; nothing was stored (the transaction may"
                        + " still be mined, unrecorded): retry later"))
                .invoke(receipt -> {
                    if (!receipt.isStatusOK()) {
                        throw ProblemException.badGateway("the anchor transaction " + hash + " was mined but failed"
                                + " (status " + receipt.getStatus() + "); nothing was stored");
                    }
                });
    }

    private Uni<AnchorEntity> store(String service, Instant from, Instant to, AnchoredReport document,
            TransactionReceipt receipt) {
        AnchorEntity anchor = new AnchorEntity();
        anchor.service = service;
        anchor.periodFrom = from;
        anchor.periodTo = to;
        anchor.digest = document.digest();
        anchor.canonicalReport = document.canonicalJson();
        anchor.chainId = chain.chainId();
        anchor.txHash = receipt.getTransactionHash().toLowerCase(Locale.ROOT);
        anchor.blockNumber = receipt.getBlockNumber().longValueExact();
        anchor.blockHash = receipt.getBlockHash().toLowerCase(Locale.ROOT);
        anchor.sender = chain.sender();
        anchor.recipient = chain.recipient();
        anchor.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> repository.persist(anchor))
                .invoke(stored -> LOG.infof("Anchored report of %s [%s, %s) digest %s in tx %s, block %d", service, from,
                        to, stored.digest, stored.txHash, stored.blockNumber));
    }

    private static AnchorVerification verification(AnchorEntity anchor, String recomputed, Transaction tx) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("reportDigest", check(anchor.digest, recomputed));
        checks.put("transaction", check(anchor.txHash, tx == null ? null : lower(tx.getHash())));
        checks.put("transactionData", check(anchor.digest, tx == null ? null : lower(tx.getInput())));
        checks.put("sender", check(anchor.sender, tx == null ? null : lower(tx.getFrom())));
        checks.put("chainId", check(Long.toString(anchor.chainId),
                tx == null || tx.getChainId() == null ? null : tx.getChainId().toString()));
        BigInteger block = tx == null ? null : blockNumberOrNull(tx);
        checks.put("blockNumber", check(Long.toString(anchor.blockNumber), block == null ? null : block.toString()));
        checks.put("blockHash", check(anchor.blockHash, tx == null ? null : lower(tx.getBlockHash())));
        boolean verified = checks.values().stream().allMatch(Check::ok);
        return new AnchorVerification(anchor.id, verified, anchor.digest, recomputed, checks);
    }

    /** A pending transaction has no block number; web3j then fails to decode {@code null}. */
    private static BigInteger blockNumberOrNull(Transaction tx) {
        return tx.getBlockNumberRaw() == null ? null : tx.getBlockNumber();
    }

    private static Check check(String expected, String actual) {
        return new Check(Objects.equals(expected, actual), expected, actual);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    static AnchorResponse toResponse(AnchorEntity a) {
        return new AnchorResponse(a.id, a.service, a.periodFrom, a.periodTo, a.digest, a.canonicalReport, a.chainId,
                a.txHash, a.blockNumber, a.blockHash, a.sender, a.recipient, a.createdAt);
    }

    /** Maps a failed chain call to the problem the client sees; {@code consequence} completes the detail. */
    private static Throwable translate(Throwable failure, String consequence) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        if (failure instanceof ChainUnavailableException) {
            return ProblemException.unavailable(failure.getMessage() + "; " + consequence + ", retry later");
        }
        if (failure instanceof ChainRejectedException) {
            return ProblemException.badGateway(failure.getMessage() + "; " + consequence);
        }
        LOG.warnf("EVM chain call failed: %s", failure.getClass().getName());
        return ProblemException.badGateway("the EVM chain call failed unexpectedly; " + consequence);
    }

    /** Runs a blocking chain call on the worker pool, never on the event loop. */
    private static <T> Uni<T> blocking(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** @return an executor that runs on the caller's Vert.x (duplicated) context, where Hibernate Reactive must run */
    private static Executor currentContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("must be called on a Vert.x context (a reactive REST endpoint)");
        }
        return command -> context.runOnContext(ignored -> command.run());
    }

    /** The receipt is not there yet: poll again. */
    private static final class NotMinedYet extends RuntimeException {
        NotMinedYet() {
            super("not mined yet", null, false, false);
        }
    }
}
