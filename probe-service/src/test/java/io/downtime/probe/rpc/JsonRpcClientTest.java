package io.downtime.probe.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthChainId;

import io.downtime.probe.support.TestProbeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON-RPC transport called from a thread that is not a Vert.x thread (as a test, or a worker, calls a prober)
 * against a node that answers at once: every exchange must complete with the node's answer. Before the exchange ran
 * on an event-loop context, a response that ended before the calling thread attached its body handler failed with
 * Vert.x's message-less {@code IllegalStateException} (issue 7: a flaky {@code EvmNodeProberTest}).
 */
class JsonRpcClientTest {

    private static Vertx vertx;
    private static HttpServer node;
    private static JsonRpcClient rpc;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        // answers every request of a batch at once: eth_chainId 0x7a69 (31337), eth_blockNumber 0x2a (42)
        node = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonArray answers = new JsonArray();
            for (Object call : body.toJsonArray()) {
                JsonObject c = (JsonObject) call;
                answers.add(new JsonObject().put("jsonrpc", "2.0").put("id", c.getValue("id"))
                        .put("result", "eth_chainId".equals(c.getString("method")) ? "0x7a69" : "0x2a"));
            }
            request.response().putHeader("Content-Type", "application/json").end(answers.encode());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        rpc = new JsonRpcClient(vertx, TestProbeConfig.defaults());
    }

    @AfterAll
    static void stopNode() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void manyQuickAnswersCalledFromAPlainThreadAllArrive() {
        String url = "http://127.0.0.1:" + node.actualPort();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            List<Request<?, ? extends Response<?>>> batch = List.of(
                    new Request<>("eth_chainId", List.of(), null, EthChainId.class),
                    new Request<>("eth_blockNumber", List.of(), null, EthBlockNumber.class));
            try {
                List<Response<?>> answers = rpc.batch(url, batch, Duration.ofSeconds(5)).await()
                        .atMost(Duration.ofSeconds(10));
                assertEquals(BigInteger.valueOf(31337), ((EthChainId) answers.get(0)).getChainId());
                assertEquals(BigInteger.valueOf(42), ((EthBlockNumber) answers.get(1)).getBlockNumber());
            } catch (RuntimeException e) {
                failures.add(i + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
    }
}
