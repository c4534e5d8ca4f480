package io.downtime.probe.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/targets} and {@code PUT /api/v1/targets/{id}}.
 *
 * <pre>
 * {"name":"anvil-local","service":"demo-dex","kind":"evm-node","url":"http://127.0.0.1:8545",
 *  "intervalSeconds":1,"timeoutMs":800,"failureThreshold":2,"successThreshold":2,
 *  "evm":{"chainId":31337,"maxHeadAgeSeconds":5}}
 * </pre>
 *
 * Optional numbers default to: intervalSeconds 15, timeoutMs 2000, failureThreshold 2, successThreshold 2.
 * Request header values ({@code http.headers}, {@code websocket.headers}) are secrets: stored and sent, never
 * returned (responses show each name with the value {@code ***}); a {@code PUT} whose header value is
 * {@code ***} keeps the stored value of that header.
 *
 * @param name unique target name, {@code [A-Za-z0-9._-]}, 1–100 characters: the target's key across regions
 * @param service the service (what users consume) this target is a component of
 * @param kind {@code http}, {@code tcp}, {@code websocket}, {@code evm-node} or {@code evm-contract}
 * @param url by kind: {@code http(s)://} (http, evm-node, evm-contract), {@code tcp://host:port} or
 *        {@code host:port} (tcp), {@code ws(s)://} (websocket)
 * @param intervalSeconds seconds between probes, 1–3600
 * @param timeoutMs milliseconds before a probe counts as {@code timeout}, 50–60000 and at most the interval
 * @param failureThreshold bad probes in a row that confirm {@code DOWN}, 1–100
 * @param successThreshold good probes in a row that confirm {@code UP}, 1–100
 * @param http settings of {@code http} targets
 * @param evm settings of {@code evm-node} and {@code evm-contract} targets (required for them)
 * @param websocket settings of {@code websocket} targets
 * @param contract settings of {@code evm-contract} targets (required for them)
 */
public record TargetRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must match [A-Za-z0-9._-]+") String name,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must match [A-Za-z0-9._-]+") String service,
        @NotNull @Pattern(regexp = "http|tcp|websocket|evm-node|evm-contract", message = "must be one of: http, tcp, websocket, evm-node, evm-contract") String kind,
        @NotBlank @Size(max = 2048) String url,
        @Min(1) @Max(3600) Integer intervalSeconds,
        @Min(50) @Max(60000) Integer timeoutMs,
        @Min(1) @Max(100) Integer failureThreshold,
        @Min(1) @Max(100) Integer successThreshold,
        @Valid HttpSettings http,
        @Valid EvmSettings evm,
        @Valid WebSocketSettings websocket,
        @Valid ContractSettings contract) {

    /** An HTTP header name (an RFC 9110 token). */
    static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** An HTTP header value without line breaks or NUL (no header injection). */
    static final String HEADER_VALUE = "[^\\r\\n\\x00]*";

    /**
     * Settings of an {@code http} target ({@code GET}, fresh connection per probe).
     *
     * @param expectedStatus status codes that mean up, a number or a list (default {@code [200]}); others are
     *        {@code DOWN} {@code status_mismatch}
     * @param bodyContains a substring the body must contain, else {@code DOWN} {@code body_mismatch}
     * @param json a JSON-pointer check of the body, else {@code DOWN} {@code body_mismatch}
     * @param degradedAboveMs a response slower than this many milliseconds is {@code DEGRADED} {@code slow}
     * @param tlsExpiryDays a server certificate expiring within this many days is {@code DEGRADED}
     *        {@code tls_expiring}
     * @param followRedirects follow 3xx {@code Location}s (default false: a redirect is a status like any other)
     * @param maxRedirects most redirects followed (default 5); more is {@code DOWN} {@code too_many_redirects}
     * @param insecureSkipVerify accept any server certificate (default false: an untrusted one is
     *        {@code tls_error})
     * @param headers request headers (at most 20); values are secrets, returned as {@code ***}
     */
    public record HttpSettings(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(min = 1, max = 20) List<@NotNull @Min(100) @Max(599) Integer> expectedStatus,
            @Size(min = 1, max = 1024) String bodyContains,
            @Valid JsonCheck json,
            @Min(1) @Max(600000) Integer degradedAboveMs,
            @Min(1) @Max(3650) Integer tlsExpiryDays,
            Boolean followRedirects,
            @Min(0) @Max(20) Integer maxRedirects,
            Boolean insecureSkipVerify,
            @Size(max = 20) Map<@NotBlank @Size(max = 100) @Pattern(regexp = HEADER_NAME, message = "must be an HTTP header name") String, @NotNull @Size(max = 4096) @Pattern(regexp = HEADER_VALUE, message = "must not contain CR, LF or NUL") String> headers) {

        @Override
        public String toString() {
            return "HttpSettings[expectedStatus=" + expectedStatus + ", headers=" + (headers == null ? null : headers.keySet())
                    + "]";
        }
    }

    /**
     * A JSON-pointer check of an http body, e.g. {@code {"pointer":"/status","equals":"ok"}}.
     *
     * @param pointer an RFC 6901 JSON pointer ({@code ""} is the whole document)
     * @param expected the JSON value (any type) the pointed-at node must equal; numbers compare by value
     */
    public record JsonCheck(
            @NotNull @Size(max = 512) @Pattern(regexp = "(/.*)?", message = "must be a JSON pointer (empty or starting with /)") String pointer,
            @NotNull @JsonProperty("equals") JsonNode expected) {
    }

    /**
     * Settings of a {@code websocket} target.
     *
     * @param subscribe a text message sent after the handshake (e.g. an exchange's subscribe request), at most
     *        8192 characters
     * @param expectContains a message containing this substring must arrive within the timeout (default: any
     *        message)
     * @param insecureSkipVerify accept any server certificate ({@code wss})
     * @param headers handshake headers (at most 20); values are secrets, returned as {@code ***}
     */
    public record WebSocketSettings(
            @Size(max = 8192) String subscribe,
            @Size(min = 1, max = 1024) String expectContains,
            Boolean insecureSkipVerify,
            @Size(max = 20) Map<@NotBlank @Size(max = 100) @Pattern(regexp = HEADER_NAME, message = "must be an HTTP header name") String, @NotNull @Size(max = 4096) @Pattern(regexp = HEADER_VALUE, message = "must not contain CR, LF or NUL") String> headers) {

        @Override
        public String toString() {
            return "WebSocketSettings[headers=" + (headers == null ? null : headers.keySet()) + "]";
        }
    }

    /**
     * Settings of an {@code evm-contract} target.
     *
     * <pre>
     * {"address":"0x5FbDB2315678afecb367f032d93F642f64180aa3",
     *  "calls":[{"function":"paused()","returns":"bool","expect":"false"},
     *           {"function":"balanceOf(address)","args":["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"],
     *            "returns":"uint256","min":"1"}]}
     * </pre>
     *
     * @param address the contract address, {@code 0x} and 40 hex digits; {@code eth_getCode} there must be
     *        non-empty, else {@code DOWN} {@code code_missing}
     * @param calls view calls (at most 20) and their expectations
     */
    public record ContractSettings(
            @NotNull @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be 0x and 40 hex digits") String address,
            @Size(max = 20) List<@NotNull @Valid ContractCall> calls) {
    }

    /**
     * One view call. Values are strings: numbers decimal or {@code 0x} hex, {@code true}/{@code false},
     * {@code 0x} addresses and bytes.
     *
     * @param function ABI signature, e.g. {@code paused()}, {@code totalSupply()}, {@code balanceOf(address)};
     *        types: bool, address, string, bytes, bytes1..32, uint8..256, int8..256
     * @param args one argument per parameter (at most 10)
     * @param returns the return type; absent: the call only has to not revert
     * @param expect the value the result must equal; a {@code paused()} returning {@code true} against
     *        {@code false} is {@code DOWN} {@code contract_paused}, other mismatches {@code call_mismatch}
     * @param min smallest acceptable value of an integer result (decimal, inclusive)
     * @param max largest acceptable value of an integer result (decimal, inclusive)
     */
    public record ContractCall(
            @NotBlank @Size(max = 256) String function,
            @Size(max = 10) List<@NotNull @Size(max = 512) String> args,
            @Size(max = 64) String returns,
            @Size(max = 512) String expect,
            @Size(max = 80) @Pattern(regexp = "-?[0-9]+", message = "must be a decimal integer") String min,
            @Size(max = 80) @Pattern(regexp = "-?[0-9]+", message = "must be a decimal integer") String max) {
    }

    /**
     * @param chainId the chain id {@code eth_chainId} must return (required)
     * @param maxHeadAgeSeconds largest head age in seconds (now − latest block timestamp) that is still up; when
     *        absent the limit adapts to the block intervals observed on the chain (several times the recent median,
     *        with a floor and a ceiling: {@code downtime.probe.evm.stale-*})
     * @param expectedBlockSeconds block time in seconds used to date a halt (last block + block time); read from
     *        the chain when absent
     * @param maxBlockLag largest block lag (blocks behind the best head seen for the chain id: other targets here,
     *        other regions, {@code referenceUrl}) that is still UP; above it DEGRADED {@code block_lag}
     * @param maxBlockLagDown largest block lag that is not DOWN (DOWN {@code block_lag} above it); at least
     *        {@code maxBlockLag} when both are set
     * @param referenceUrl {@code http(s)://} JSON-RPC URL of a reference node of the same chain (its
     *        {@code eth_blockNumber} joins the best head)
     * @param maxFinalityLagBlocks largest finality lag ({@code latest − finalized}, blocks); above it DEGRADED
     *        {@code finality_stalled}; a node without the {@code finalized} tag is not judged
     * @param congestedAboveGwei gas price ({@code eth_gasPrice}) in gwei above which the target is DEGRADED
     *        {@code congested}
     * @param minPeers fewest {@code net_peerCount} peers still UP (DEGRADED {@code low_peers} below); a node that
     *        does not support the method is not judged
     * @param latencyAnomaly {@code true}: a latency well above the target's own baseline (EWMA against median + MAD)
     *        marks it DEGRADED {@code latency_anomaly}; off when absent
     */
    public record EvmSettings(@NotNull @Min(1) Long chainId, @Min(1) @Max(86400) Integer maxHeadAgeSeconds,
            @Min(0) @Max(3600) Integer expectedBlockSeconds,
            @Min(0) @Max(1000000) Integer maxBlockLag,
            @Min(0) @Max(1000000) Integer maxBlockLagDown,
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String referenceUrl,
            @Min(0) @Max(1000000) Integer maxFinalityLagBlocks,
            @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1000000000") java.math.BigDecimal congestedAboveGwei,
            @Min(0) @Max(100000) Integer minPeers,
            Boolean latencyAnomaly) {

        /** The settings stored on an {@code evm-node} target (as echoed in responses). */
        public static EvmSettings of(io.downtime.probe.domain.Target t) {
            return new EvmSettings(t.evmChainId, t.evmMaxHeadAgeSeconds, t.evmExpectedBlockSeconds, t.evmMaxBlockLag,
                    t.evmMaxBlockLagDown, t.evmReferenceUrl, t.evmMaxFinalityLagBlocks, t.evmCongestedAboveGwei,
                    t.evmMinPeers, t.evmLatencyAnomaly);
        }

        /** Copies the evm-node settings onto the entity ({@code evm} null: clears them). */
        public static void apply(EvmSettings evm, io.downtime.probe.domain.Target t) {
            t.evmChainId = evm == null ? null : evm.chainId();
            t.evmMaxHeadAgeSeconds = evm == null ? null : evm.maxHeadAgeSeconds();
            t.evmExpectedBlockSeconds = evm == null ? null : evm.expectedBlockSeconds();
            t.evmMaxBlockLag = evm == null ? null : evm.maxBlockLag();
            t.evmMaxBlockLagDown = evm == null ? null : evm.maxBlockLagDown();
            t.evmReferenceUrl = evm == null || evm.referenceUrl() == null ? null : evm.referenceUrl().trim();
            t.evmMaxFinalityLagBlocks = evm == null ? null : evm.maxFinalityLagBlocks();
            t.evmCongestedAboveGwei = evm == null ? null : evm.congestedAboveGwei();
            t.evmMinPeers = evm == null ? null : evm.minPeers();
            t.evmLatencyAnomaly = evm == null ? null : evm.latencyAnomaly();
        }
    }
}
