package io.downtime.probe.rpc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.probe.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A non-blocking JSON-RPC 2.0 transport for web3j's request and response types: web3j builds and (with its own
 * Jackson {@link ObjectMapper}) serializes {@link Request}s and deserializes {@link Response}s, the Vert.x HTTP
 * client sends them — so a probe never holds a thread while it waits (web3j's own {@code HttpService} is
 * blocking OkHttp). Several requests go in one JSON-RPC batch (an array, JSON-RPC 2.0 §6: one HTTP round trip).
 *
 * <p>
 * Connections are pooled and kept alive (at most {@code downtime.probe.evm.max-connections} in total, per host at
 * most that many too). Failures: a non-2xx HTTP status fails the {@code Uni} with web3j's
 * {@link ClientConnectionException}; transport errors with the Netty/JDK exception ({@code ConnectException},
 * {@code UnknownHostException}, …); no answer within the timeout with {@code io.smallrye.mutiny.TimeoutException}.
 * A JSON-RPC error object is not a failure: it is in the {@link Response}. Each exchange runs on an event-loop
 * context (the caller's, when it is on one; see {@link VertxContexts}), whatever thread subscribes, and the
 * {@code Uni} emits there.
 */
@ApplicationScoped
public class JsonRpcClient {

    private static final ObjectMapper MAPPER = ObjectMapperFactory.getObjectMapper();

    private final Vertx vertx;
    private final HttpClient http;
    private final int maxResponseBytes;

    public JsonRpcClient(Vertx vertx, ProbeConfig config) {
        this.vertx = vertx;
        int max = config.probe().evm().maxConnections();
        this.maxResponseBytes = config.probe().evm().maxResponseBytes();
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(max)
                .setKeepAliveTimeout(2) // seconds: an idle pooled connection a node dropped silently must not stall a probe
                .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(max)
                        .setMaxWaitQueueSize(config.probe().maxConcurrent() * 2));
    }

    /**
     * Sends {@code requests} to {@code url} as one batch and returns the responses in request order; a response
     * missing from the batch answer (or the node answering the batch with one error object) becomes a response with
     * that error.
     *
     * @param timeout the whole exchange's limit
     */
    public Uni<List<Response<?>>> batch(String url, List<Request<?, ? extends Response<?>>> requests,
            Duration timeout) {
        Object payload = requests.size() == 1 ? requests.get(0) : requests;
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json")
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
        // on an event-loop context, so the response's handlers are set before its body arrives: called from another
        // thread, a quick answer could end before boundedBody ran (Vert.x then throws IllegalStateException)
        return Uni.createFrom().<Buffer> emitter(emitter -> VertxContexts.onEventLoop(vertx, () -> http.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> {
                    if (response.statusCode() / 100 != 2) {
                        return response.end().transform(ignored -> Future.<Buffer> failedFuture(new ClientConnectionException(
                                "Invalid response received: " + response.statusCode() + "; " + response.statusMessage())));
                    }
                    return boundedBody(response);
                })
                .onSuccess(emitter::complete)
                .onFailure(emitter::fail)))
                .ifNoItem().after(timeout).fail()
                .map(buffer -> parse(buffer.getBytes(), requests));
    }

    /**
     * The answer's body, read up to {@code downtime.probe.evm.max-response-bytes}: a longer one (announced by its
     * {@code Content-Length} or found while streaming) fails with {@link BadResponseException#tooLarge} and the
     * connection is closed, so nothing beyond the limit is read or held.
     */
    private Future<Buffer> boundedBody(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxResponseBytes) {
                    response.request().connection().close();
                    return Future.failedFuture(BadResponseException.tooLarge(maxResponseBytes));
                }
            } catch (NumberFormatException e) {
                // a broken header: the streaming limit below still applies
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > maxResponseBytes) {
                promise.tryFail(BadResponseException.tooLarge(maxResponseBytes));
                response.request().connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(promise::tryFail);
        response.endHandler(ignored -> promise.tryComplete(body));
        return promise.future();
    }

    /** Sends one request; see {@link #batch}. */
    @SuppressWarnings("unchecked")
    public <T extends Response<?>> Uni<T> send(String url, Request<?, T> request, Duration timeout) {
        return batch(url, List.of(request), timeout).map(list -> (T) list.get(0));
    }

    static List<Response<?>> parse(byte[] body, List<Request<?, ? extends Response<?>>> requests) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            throw BadResponseException.notJson(e);
        }
        Map<Long, JsonNode> byId = new HashMap<>();
        JsonNode whole = null;
        if (tree != null && tree.isArray()) {
            tree.forEach(node -> byId.put(node.path("id").asLong(-1), node));
        } else if (tree != null && tree.isObject()) {
            if (requests.size() == 1 || !tree.has("id") || tree.get("id").isNull()) {
                whole = tree;
            }
            byId.put(tree.path("id").asLong(-1), tree);
        }
        List<Response<?>> out = new ArrayList<>(requests.size());
        for (Request<?, ? extends Response<?>> request : requests) {
            JsonNode node = byId.get(request.getId());
            if (node == null && requests.size() == 1) {
                node = whole;
            }
            out.add(node == null ? missing(request, whole, tree) : convert(node, request));
        }
        return out;
    }

    private static Response<?> convert(JsonNode node, Request<?, ? extends Response<?>> request) {
        try {
            return MAPPER.treeToValue(node, request.getResponseType());
        } catch (IOException e) {
            Response<?> r = new Response<>();
            r.setError(new Response.Error(-32700, "unreadable " + request.getMethod() + " answer: " + e.getMessage()));
            return r;
        }
    }

    private static Response<?> missing(Request<?, ? extends Response<?>> request, JsonNode whole, JsonNode tree) {
        Response<?> r = new Response<>();
        if (whole != null && whole.has("error")) {
            r.setError(new Response.Error(whole.path("error").path("code").asInt(-32603),
                    whole.path("error").path("message").asText("batch refused")));
        } else {
            String answer = String.valueOf(tree);
            r.setError(new Response.Error(-32603, request.getMethod() + ": no answer in the batch: "
                    + (answer.length() > 200 ? answer.substring(0, 200) : answer)));
        }
        return r;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
