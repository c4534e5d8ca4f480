package io.downtime.probe.probe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An immutable snapshot of a target's probe settings, safe to share with scheduled jobs.
 *
 * @param intervalSeconds seconds between probes
 * @param timeoutMs milliseconds before a probe counts as {@code timeout}
 * @param evmMaxHeadAgeSeconds largest head age, in seconds, that is still up
 * @param evmExpectedBlockSeconds block time in seconds, or null to read it from the chain
 * @param updatedAt the version of the target this snapshot was taken from
 * @param http settings of an {@code http} target (null for other kinds)
 * @param websocket settings of a {@code websocket} target (null for other kinds)
 * @param contract settings of an {@code evm-contract} target (null for other kinds)
 * @param evmChecks {@code evm-node} checks beyond chain id, syncing and head age ({@link EvmChecks#NONE} for other
 *        kinds)
 */
public record TargetSpec(long id, String name, String service, TargetKind kind, String url, int intervalSeconds,
        int timeoutMs, int failureThreshold, int successThreshold, Long evmChainId,
        Integer evmMaxHeadAgeSeconds, Integer evmExpectedBlockSeconds, Instant updatedAt,
        Http http, WebSocket websocket, Contract contract, EvmChecks evmChecks) {

    public TargetSpec {
        evmChecks = evmChecks == null ? EvmChecks.NONE : evmChecks;
    }

    /** A snapshot without {@code evm-node} checks beyond chain id, syncing and head age. */
    public TargetSpec(long id, String name, String service, TargetKind kind, String url, int intervalSeconds,
            int timeoutMs, int failureThreshold, int successThreshold, Long evmChainId, Integer evmMaxHeadAgeSeconds,
            Integer evmExpectedBlockSeconds, Instant updatedAt, Http http, WebSocket websocket, Contract contract) {
        this(id, name, service, kind, url, intervalSeconds, timeoutMs, failureThreshold, successThreshold, evmChainId,
                evmMaxHeadAgeSeconds, evmExpectedBlockSeconds, updatedAt, http, websocket, contract, EvmChecks.NONE);
    }

    public static TargetSpec of(Target t) {
        return new TargetSpec(t.id, t.name, t.service, t.kind, t.url, t.intervalSeconds, t.timeoutMs,
                t.failureThreshold, t.successThreshold, t.evmChainId, t.evmMaxHeadAgeSeconds,
                t.evmExpectedBlockSeconds, t.updatedAt,
                SettingsJson.read(t.httpSettings, Http.class), SettingsJson.read(t.websocketSettings, WebSocket.class),
                SettingsJson.read(t.contractSettings, Contract.class), EvmChecks.of(t));
    }

    /** {@code toString} text of a header map: names only, every value {@code ***} (values are secrets). */
    static String masked(Map<String, String> headers) {
        return headers == null ? "{}"
                : headers.keySet().stream().map(k -> k + "=***").collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Checks of an {@code http} target (defaults already applied).
     *
     * @param expectedStatus status codes that mean up (e.g. {@code [200, 204]}); otherwise {@code DOWN}
     *        {@code status_mismatch}
     * @param bodyContains substring the body must contain, else {@code DOWN} {@code body_mismatch}; null: none
     * @param jsonPointer RFC 6901 JSON pointer into the JSON body (e.g. {@code /status}); null: none
     * @param jsonEquals the JSON value the pointed-at node must equal (numbers compared by value), else
     *        {@code DOWN} {@code body_mismatch}
     * @param degradedAboveMs a response slower than this many milliseconds is {@code DEGRADED} {@code slow}
     * @param tlsExpiryDays a server certificate expiring within this many days is {@code DEGRADED}
     *        {@code tls_expiring}
     * @param followRedirects whether 3xx responses with a {@code Location} are followed
     * @param maxRedirects most redirects followed; one more is {@code DOWN} {@code too_many_redirects}
     * @param insecureSkipVerify accept any server certificate (its expiry is still checked)
     * @param headers request headers; values are secrets (masked in {@code toString}, never returned by the API)
     */
    @RegisterForReflection
    public record Http(List<Integer> expectedStatus, String bodyContains, String jsonPointer, JsonNode jsonEquals,
            Integer degradedAboveMs, Integer tlsExpiryDays, boolean followRedirects, int maxRedirects,
            boolean insecureSkipVerify, Map<String, String> headers) {

        @Override
        public String toString() {
            return "Http[expectedStatus=" + expectedStatus + ", bodyContains=" + bodyContains + ", jsonPointer="
                    + jsonPointer + ", jsonEquals=" + jsonEquals + ", degradedAboveMs=" + degradedAboveMs
                    + ", tlsExpiryDays=" + tlsExpiryDays + ", followRedirects=" + followRedirects + ", maxRedirects="
                    + maxRedirects + ", insecureSkipVerify=" + insecureSkipVerify + ", headers=" + masked(headers) + "]";
        }
    }

    /**
     * Checks of a {@code websocket} target.
     *
     * @param subscribe text message sent right after the handshake (e.g. an exchange's subscribe request); null:
     *        none
     * @param expectContains a message containing this substring must arrive within the timeout; null: any message
     * @param insecureSkipVerify accept any server certificate ({@code wss})
     * @param headers handshake request headers; values are secrets
     */
    @RegisterForReflection
    public record WebSocket(String subscribe, String expectContains, boolean insecureSkipVerify,
            Map<String, String> headers) {

        @Override
        public String toString() {
            return "WebSocket[subscribe=" + subscribe + ", expectContains=" + expectContains + ", insecureSkipVerify="
                    + insecureSkipVerify + ", headers=" + masked(headers) + "]";
        }
    }

    /**
     * Checks of an {@code evm-contract} target: {@code eth_getCode} at {@code address} must be non-empty, then each
     * view call must meet its expectation.
     *
     * @param address the contract address, {@code 0x} + 40 hex digits
     * @param calls view calls (may be empty)
     */
    @RegisterForReflection
    public record Contract(String address, List<Call> calls) {
    }

    /**
     * One view call ({@code eth_call} at the latest block).
     *
     * @param function ABI signature, e.g. {@code paused()}, {@code balanceOf(address)}
     * @param args arguments as strings, one per parameter (decimal or {@code 0x} hex for numbers, {@code 0x}
     *        addresses, {@code true}/{@code false})
     * @param returns the Solidity return type (e.g. {@code bool}, {@code uint256}, {@code address}); null: the call
     *        only has to succeed
     * @param expect the value the result must equal (same notation as {@code args})
     * @param min smallest acceptable result of a numeric return type (decimal, inclusive)
     * @param max largest acceptable result of a numeric return type (decimal, inclusive)
     */
    @RegisterForReflection
    public record Call(String function, List<String> args, String returns, String expect, String min, String max) {
    }
}
