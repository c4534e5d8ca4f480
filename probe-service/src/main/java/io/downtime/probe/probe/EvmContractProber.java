package io.downtime.probe.probe;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.downtime.probe.config.ProberConfig;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.probe.contract.AbiCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Probes a smart contract through an EVM JSON-RPC endpoint with one JSON-RPC batch (JSON-RPC 2.0 §6):
 * {@code eth_chainId} (must equal {@code evm.chainId}, else {@code chain_id_mismatch}), {@code eth_getCode} at
 * the contract address (empty: {@code code_missing}) and one {@code eth_call} per configured view call at the
 * latest block, encoded and decoded with web3j's ABI codec ({@link AbiCall}).
 *
 * <p>
 * Reasons, all {@code DOWN}: {@code chain_id_mismatch}, {@code code_missing}, {@code contract_paused} (a
 * {@code paused()} call returned {@code true} where {@code false} was expected: the protocol halted itself),
 * {@code call_mismatch} (another expectation failed), {@code call_reverted} (the call reverted: JSON-RPC error
 * code 3 or a message mentioning a revert), {@code rpc_error} (another JSON-RPC error, or an endpoint that does
 * not answer batches), {@code http_status} (non-2xx), plus the transport reasons of {@link NetFailures}. The
 * first failing check, in that order, gives the reason; evidence lists every call's decoded value.
 *
 * <p>
 * Non-blocking: a Vert.x {@link HttpClient} POST on the event loop (keep-alive: JSON-RPC endpoints are probed
 * for their answers, not their handshakes), response read up to {@code downtime.prober.max-body-bytes}.
 */
@ApplicationScoped
public class EvmContractProber implements Prober {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final ProberConfig config;
    private final HttpClient client;

    public EvmContractProber(Vertx vertx, ProberConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDecompressionSupported(true),
                new PoolOptions().setHttp1MaxSize(64));
    }

    @Override
    public TargetKind kind() {
        return TargetKind.EVM_CONTRACT;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Uni<ProbeResult> probe(TargetSpec target) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<AbiCall> calls;
        ArrayNode batch = JSON.createArrayNode();
        try {
            calls = target.contract().calls() == null ? List.of()
                    : target.contract().calls().stream().map(AbiCall::compile).toList();
        } catch (IllegalArgumentException e) {
            // validated when stored; only a row edited by hand gets here
            evidence.put("error", e.getMessage());
            return Uni.createFrom().item(result(ProbeState.DOWN, "probe_error", start, t0, evidence));
        }
        String address = target.contract().address();
        evidence.put("address", address);
        batch.add(request(0, "eth_chainId", JSON.createArrayNode()));
        batch.add(request(1, "eth_getCode", JSON.createArrayNode().add(address).add("latest")));
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode tx = JSON.createObjectNode().put("to", address).put("data", calls.get(i).data());
            batch.add(request(2 + i, "eth_call", JSON.createArrayNode().add(tx).add("latest")));
        }
        return Uni.createFrom().completionStage(() -> post(target, batch).toCompletionStage())
                .map(body -> evaluate(target, calls, body, start, t0, evidence))
                .onFailure().recoverWithItem(e -> {
                    evidence.put("error", Failures.describe(e));
                    String reason = e instanceof HttpStatusException ? "http_status" : NetFailures.reason(e);
                    return result(ProbeState.DOWN, reason, start, t0, evidence);
                });
    }

    private ProbeResult evaluate(TargetSpec target, List<AbiCall> calls, Buffer body, Instant start, long t0,
            Map<String, Object> evidence) {
        Map<Integer, JsonNode> answers = new HashMap<>();
        try {
            JsonNode root = JSON.readTree(body.getBytes());
            if (root == null || !root.isArray()) {
                JsonNode error = root == null ? null : root.get("error");
                evidence.put("error", "not a JSON-RPC batch response"
                        + (error != null ? ": " + Failures.clean(error.toString()) : ""));
                return result(ProbeState.DOWN, "rpc_error", start, t0, evidence);
            }
            root.forEach(node -> answers.put(node.path("id").asInt(-1), node));
        } catch (Exception e) {
            evidence.put("error", "response is not JSON");
            return result(ProbeState.DOWN, "rpc_error", start, t0, evidence);
        }
        // chain id
        JsonNode chain = answers.get(0);
        if (chain == null || chain.hasNonNull("error") || !chain.hasNonNull("result")) {
            evidence.put("error", "eth_chainId: " + rpcError(chain));
            return result(ProbeState.DOWN, "rpc_error", start, t0, evidence);
        }
        BigInteger chainId = new BigInteger(strip0x(chain.get("result").asText()), 16);
        evidence.put("chainId", chainId);
        if (target.evmChainId() != null && !BigInteger.valueOf(target.evmChainId()).equals(chainId)) {
            evidence.put("expectedChainId", target.evmChainId());
            return result(ProbeState.DOWN, "chain_id_mismatch", start, t0, evidence);
        }
        // code
        JsonNode code = answers.get(1);
        if (code == null || code.hasNonNull("error") || !code.hasNonNull("result")) {
            evidence.put("error", "eth_getCode: " + rpcError(code));
            return result(ProbeState.DOWN, "rpc_error", start, t0, evidence);
        }
        int codeBytes = strip0x(code.get("result").asText()).length() / 2;
        evidence.put("codeBytes", codeBytes);
        if (codeBytes == 0) {
            return result(ProbeState.DOWN, "code_missing", start, t0, evidence);
        }
        // view calls: all are reported; the first failing one gives the reason
        String reason = "ok";
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            AbiCall call = calls.get(i);
            JsonNode answer = answers.get(2 + i);
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("function", call.signature());
            String outcome;
            if (answer == null || answer.hasNonNull("error")) {
                String error = rpcError(answer);
                seen.put("error", error);
                outcome = answer != null && isRevert(answer.get("error")) ? "call_reverted" : "rpc_error";
            } else {
                AbiCall.Outcome checked = call.check(answer.path("result").asText(null));
                if (checked.value() != null) {
                    seen.put("value", checked.value());
                }
                if (checked.detail() != null) {
                    seen.put("detail", checked.detail());
                }
                outcome = checked.reason();
            }
            seen.put("result", outcome);
            results.add(seen);
            if ("ok".equals(reason) && !"ok".equals(outcome)) {
                reason = outcome;
            }
        }
        if (!results.isEmpty()) {
            evidence.put("calls", results);
        }
        return result("ok".equals(reason) ? ProbeState.UP : ProbeState.DOWN, reason, start, t0, evidence);
    }

    /** POSTs the batch; fails on transport errors, a non-2xx status, or no full answer within the timeout. */
    private io.vertx.core.Future<Buffer> post(TargetSpec target, ArrayNode batch) {
        Promise<Buffer> promise = Promise.promise();
        VertxContexts.onEventLoop(vertx, () -> {
            HttpClientRequest[] current = new HttpClientRequest[1];
            long timer = vertx.setTimer(target.timeoutMs(), id -> {
                if (promise.tryFail(new java.util.concurrent.TimeoutException(
                        "no JSON-RPC answer within " + target.timeoutMs() + " ms")) && current[0] != null) {
                    current[0].reset();
                }
            });
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.url())
                    .setConnectTimeout(target.timeoutMs()).putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", config.userAgent());
            client.request(options)
                    .compose(request -> {
                        current[0] = request;
                        return request.send(Buffer.buffer(batch.toString()));
                    })
                    .onFailure(promise::tryFail)
                    .onSuccess(response -> {
                        if (response.statusCode() / 100 != 2) {
                            promise.tryFail(new HttpStatusException(response.statusCode()));
                            response.request().reset();
                            return;
                        }
                        Buffer body = Buffer.buffer();
                        response.handler(chunk -> {
                            if (body.length() + chunk.length() > config.maxBodyBytes()) {
                                promise.tryFail(new IllegalStateException(
                                        "JSON-RPC answer larger than " + config.maxBodyBytes() + " bytes"));
                                response.request().reset();
                            } else {
                                body.appendBuffer(chunk);
                            }
                        });
                        response.exceptionHandler(promise::tryFail);
                        response.endHandler(v -> promise.tryComplete(body));
                    });
            promise.future().onComplete(ignored -> vertx.cancelTimer(timer));
        });
        return promise.future();
    }

    private static ObjectNode request(int id, String method, ArrayNode params) {
        return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method).set("params", params);
    }

    /** A revert: EIP-1474/geth code 3 ("execution reverted") or a message that says so (Anvil, Hardhat, Erigon). */
    private static boolean isRevert(JsonNode error) {
        return error != null && (error.path("code").asInt() == 3
                || error.path("message").asText("").toLowerCase(java.util.Locale.ROOT).contains("revert"));
    }

    private static String rpcError(JsonNode answer) {
        if (answer == null) {
            return "no answer in the batch";
        }
        JsonNode error = answer.get("error");
        if (error == null) {
            return "no result";
        }
        String text = error.path("code").asText() + " " + Failures.clean(error.path("message").asText(""));
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static String strip0x(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    private static ProbeResult result(ProbeState state, String reason, Instant start, long t0,
            Map<String, Object> evidence) {
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        evidence.put("latencyMs", latency);
        return new ProbeResult(state, reason, start, start, latency, evidence);
    }

    /** A JSON-RPC endpoint answering with a non-2xx HTTP status. */
    static final class HttpStatusException extends RuntimeException {
        HttpStatusException(int status) {
            super("HTTP status " + status);
        }
    }
}
