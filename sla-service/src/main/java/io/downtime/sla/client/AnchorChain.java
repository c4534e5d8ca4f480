package io.downtime.sla.client;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import io.downtime.sla.config.AnchorConfig;
import io.smallrye.config.Secret;

import okhttp3.OkHttpClient;

/**
 * The EVM chain that reports are anchored on, through web3j over JSON-RPC ({@link AnchorConfig}).
 * <p>
 * <b>Every method that talks to the chain blocks</b> (web3j's {@code send()}): call it on a worker thread, never on
 * the event loop. Failures: {@link ChainUnavailableException} when the endpoint is unreachable or answers an HTTP
 * error, {@link ChainRejectedException} when the node answers a JSON-RPC error or serves another chain id.
 * <p>
 * An anchor is a legacy (EIP-155 signed) transaction of value 0 from the configured account to
 * {@link AnchorConfig#toAddress()} (default: itself) whose data is the 32-byte digest; gas price from
 * {@code eth_gasPrice}, gas limit {@code eth_estimateGas} + 20 %. Sending is serialised within this process so that
 * two anchors never take the same nonce. The private key and the RPC URL are never logged nor put in a message.
 */
@ApplicationScoped
public class AnchorChain {

    private static final Logger LOG = Logger.getLogger(AnchorChain.class);
    private static final Pattern PRIVATE_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final BigInteger GAS_HEADROOM_PERCENT = BigInteger.valueOf(120);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private final Long chainId;
    private final Credentials credentials;
    private final String recipient;
    private final Web3j web3j;
    /** What keeps verification from working (needs RPC URL and chain id), or {@code null}. */
    private final String readProblem;
    /** What keeps anchoring from working (needs the private key too), or {@code null}. */
    private final String anchorProblem;
    private final Object sendLock = new Object();

    public AnchorChain(AnchorConfig config) {
        Optional<String> rpcUrl = reveal(config.rpcUrl());
        Optional<String> privateKey = reveal(config.privateKey());
        List<String> missing = new ArrayList<>();
        if (rpcUrl.isEmpty()) {
            missing.add("downtime.sla.anchor.rpc-url (DOWNTIME_SLA_ANCHOR_RPC_URL)");
        }
        if (config.chainId().isEmpty()) {
            missing.add("downtime.sla.anchor.chain-id (DOWNTIME_SLA_ANCHOR_CHAIN_ID)");
        }
        String readMissing = missing.isEmpty() ? null : String.join(", ", missing);
        if (privateKey.isEmpty()) {
            missing.add("downtime.sla.anchor.private-key (DOWNTIME_SLA_ANCHOR_PRIVATE_KEY)");
        }

        String invalid = null;
        Credentials keys = null;
        if (privateKey.isPresent()) {
            String key = privateKey.get();
            if (PRIVATE_KEY.matcher(key).matches()) {
                try {
                    keys = Credentials.create(key);
                } catch (RuntimeException e) {
                    // the exception message could quote the key: never log or return it
                    keys = null;
                }
            }
            if (keys == null) {
                invalid = "downtime.sla.anchor.private-key is not a secp256k1 private key (64 hex digits, optionally 0x-prefixed)";
            }
        }
        String to = null;
        if (config.toAddress().isPresent()) {
            to = config.toAddress().get().strip();
            if (!ADDRESS.matcher(to).matches()) {
                invalid = "downtime.sla.anchor.to-address is not an address (0x followed by 40 hex digits)";
            }
            to = to.toLowerCase(Locale.ROOT);
        }
        if (config.chainId().isPresent() && config.chainId().get() <= 0) {
            invalid = "downtime.sla.anchor.chain-id must be positive";
        }

        this.chainId = config.chainId().orElse(null);
        this.credentials = keys;
        this.recipient = to != null ? to : keys != null ? keys.getAddress().toLowerCase(Locale.ROOT) : null;
        this.readProblem = readMissing != null ? "anchoring is not configured: set " + readMissing
                : chainId <= 0 ? "anchoring is misconfigured: downtime.sla.anchor.chain-id must be positive" : null;
        this.anchorProblem = !missing.isEmpty() ? "anchoring is not configured: set " + String.join(", ", missing)
                : invalid != null ? "anchoring is misconfigured: " + invalid : null;
        if (readMissing == null) {
            OkHttpClient http = new OkHttpClient.Builder()
                    .connectTimeout(config.rpcTimeout())
                    .readTimeout(config.rpcTimeout())
                    .writeTimeout(config.rpcTimeout())
                    .build();
            this.web3j = Web3j.build(new HttpService(rpcUrl.get(), http));
        } else {
            this.web3j = null;
        }
        if (anchorProblem == null) {
            LOG.infof("Reports are anchored on chain %d from %s to %s", chainId, credentials.getAddress(), recipient);
        } else if (invalid != null) {
            LOG.warn(anchorProblem);
        }
    }

    /** @return the stripped secret value; empty when unset or blank (SmallRye may wrap an absent value) */
    private static Optional<String> reveal(Optional<Secret<String>> secret) {
        return secret.map(Secret::get).map(String::strip).filter(value -> !value.isEmpty());
    }

    @PreDestroy
    void close() {
        if (web3j != null) {
            web3j.shutdown();
        }
    }

    /** @return why reports cannot be anchored (a sentence naming the settings to fix), or empty when they can */
    public Optional<String> anchoringUnavailable() {
        return Optional.ofNullable(anchorProblem);
    }

    /** @return why anchors cannot be read from the chain (needs RPC URL and chain id), or empty when they can */
    public Optional<String> readingUnavailable() {
        return Optional.ofNullable(readProblem);
    }

    /** @return the configured chain id; only when {@link #readingUnavailable()} is empty */
    public long chainId() {
        return chainId;
    }

    /** @return the anchoring account's address, lower-case; only when {@link #anchoringUnavailable()} is empty */
    public String sender() {
        return credentials.getAddress().toLowerCase(Locale.ROOT);
    }

    /** @return the recipient of anchor transactions, lower-case; only when {@link #anchoringUnavailable()} is empty */
    public String recipient() {
        return recipient;
    }

    /**
     * Blocking. Checks the endpoint's chain id, then signs and sends the anchor transaction.
     *
     * @param digest {@code 0x} + 64 hex digits, the transaction data
     * @return the transaction hash, lower-case; not yet mined
     */
    public String send(String digest) {
        synchronized (sendLock) {
            requireChainId();
            String from = sender();
            BigInteger nonce = call("eth_getTransactionCount",
                    web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING)).getTransactionCount();
            BigInteger gasPrice = call("eth_gasPrice", web3j.ethGasPrice()).getGasPrice();
            BigInteger estimate = call("eth_estimateGas", web3j.ethEstimateGas(
                    org.web3j.protocol.core.methods.request.Transaction.createFunctionCallTransaction(from, nonce,
                            gasPrice, null, recipient, BigInteger.ZERO, digest)))
                    .getAmountUsed();
            BigInteger gasLimit = estimate.multiply(GAS_HEADROOM_PERCENT).divide(HUNDRED);
            RawTransaction transaction = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, recipient,
                    BigInteger.ZERO, digest);
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(transaction, chainId, credentials));
            String hash = call("eth_sendRawTransaction", web3j.ethSendRawTransaction(signed)).getTransactionHash();
            if (hash == null) {
                throw new ChainRejectedException("eth_sendRawTransaction answered without a transaction hash");
            }
            return hash.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Blocking.
     *
     * @param hash transaction hash
     * @return its receipt, empty while it is not mined
     */
    public Optional<TransactionReceipt> receipt(String hash) {
        return call("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(hash)).getTransactionReceipt();
    }

    /**
     * Blocking. Checks the endpoint's chain id first, so a transaction is never looked up on the wrong chain.
     *
     * @param hash transaction hash
     * @return the transaction ({@code eth_getTransactionByHash}), empty when the chain does not know it
     */
    public Optional<Transaction> transaction(String hash) {
        requireChainId();
        return call("eth_getTransactionByHash", web3j.ethGetTransactionByHash(hash)).getTransaction();
    }

    private void requireChainId() {
        BigInteger served = call("eth_chainId", web3j.ethChainId()).getChainId();
        if (served == null || served.longValueExact() != chainId) {
            throw new ChainRejectedException("the EVM RPC endpoint serves chain id " + served
                    + ", but downtime.sla.anchor.chain-id is " + chainId);
        }
    }

    private static <T extends Response<?>> T call(String method, Request<?, T> request) {
        T response;
        try {
            response = request.send();
        } catch (IOException | ClientConnectionException e) {
            String why = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            LOG.warnf("EVM JSON-RPC %s failed (%s%s)", method, e.getClass().getSimpleName(),
                    why.length() > 200 ? why.substring(0, 200) : why);
            throw new ChainUnavailableException("the EVM RPC endpoint is unreachable or failing (" + method + ")");
        }
        if (response.hasError()) {
            throw new ChainRejectedException("the EVM node answered " + method + " with error "
                    + response.getError().getCode() + ": " + response.getError().getMessage());
        }
        return response;
    }
}
