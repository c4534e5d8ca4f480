package io.downtime.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks, shared by the services' {@code MalformedRequestTest}s, of requests broken below the JSON level (issue 7,
 * hostile input): a request line or header block over Vert.x's limits, and JSON bodies that are not well-formed UTF-8.
 */
public final class MalformedRequests {

    /**
     * Ill-formed UTF-8 (RFC 3629 §3) by name, each placed inside a JSON string: a lead byte without its continuation (the
     * example of issue 7), bytes that never occur in UTF-8, an overlong {@code /}, a UTF-8-encoded surrogate and a code
     * point beyond U+10FFFF. Jackson alone rejects the first two and decodes the others silently (common's StrictUtf8
     * rejects them).
     */
    public static final Map<String, byte[]> ILL_FORMED_UTF8 = ordered(
            "C3 28 (lead byte, no continuation)", new byte[] { (byte) 0xC3, 0x28 },
            "FF FE (never UTF-8)", new byte[] { (byte) 0xFF, (byte) 0xFE },
            "C0 AF (overlong '/')", new byte[] { (byte) 0xC0, (byte) 0xAF },
            "E0 80 AF (overlong '/')", new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
            "ED A0 80 (surrogate U+D800)", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
            "F4 90 80 80 (beyond U+10FFFF)", new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });

    /** Vert.x's default {@code quarkus.http.limits.max-initial-line-length}: 4096 bytes. */
    public static final int MAX_REQUEST_LINE = 4096;

    /** Quarkus' default {@code quarkus.http.limits.max-header-size}: 20 KiB. */
    public static final int MAX_HEADER_SIZE = 20 * 1024;

    private MalformedRequests() {
    }

    /**
     * {@code GET path?pad=…} with a request line just over {@link #MAX_REQUEST_LINE}: {@code 414 URI Too Long}, no stack
     * trace, and the connection closed (the read ends). Vert.x's HTTP decoder refuses the request before any Quarkus
     * route runs, and Quarkus 3.29 does not let an application set {@code HttpServer#invalidRequestHandler}, so the answer
     * has no problem+json body (common's ProblemMappers javadoc; quarkusio/quarkus#55082).
     */
    public static RawHttp.Response assertRequestLineTooLong(URI base, String path) {
        String target = path + "?pad=" + "x".repeat(MAX_REQUEST_LINE);
        RawHttp.Response response = RawHttp.send(base, "GET", target, Map.of(), null);
        assertEquals(414, response.status(), response.toString());
        assertNoStackTrace(response);
        return response;
    }

    /**
     * {@code GET path} with one header of {@link #MAX_HEADER_SIZE} + 1 KiB: {@code 431 Request Header Fields Too Large},
     * no stack trace, the connection closed; no problem+json body for the reason given at
     * {@link #assertRequestLineTooLong}.
     */
    public static RawHttp.Response assertHeadersTooLarge(URI base, String path) {
        RawHttp.Response response = RawHttp.send(base, "GET", path,
                Map.of("X-Padding", "x".repeat(MAX_HEADER_SIZE + 1024)), null);
        assertEquals(431, response.status(), response.toString());
        assertNoStackTrace(response);
        return response;
    }

    /**
     * Sends {@code json} with {@code marker} replaced by each of {@link #ILL_FORMED_UTF8} (bearer {@code token}) and
     * asserts {@code 400} {@code application/problem+json} titled {@code Malformed JSON} whose detail names UTF-8. The
     * caller checks that nothing was stored.
     */
    public static void assertIllFormedUtf8Refused(URI base, String method, String path, String json, String marker,
            String token) {
        ILL_FORMED_UTF8.forEach((name, bytes) -> {
            RawHttp.Response response = RawHttp.send(base, method, path,
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token),
                    RawHttp.replace(json, marker, bytes));
            String what = name + ": " + response;
            assertEquals(400, response.status(), what);
            assertTrue(response.contentType().startsWith("application/problem+json"), what);
            JsonNode problem = response.json();
            assertEquals(400, problem.path("status").asInt(), what);
            assertEquals("Malformed JSON", problem.path("title").asText(), what);
            assertEquals("about:blank", problem.path("type").asText(), what);
            assertTrue(problem.path("detail").asText().contains("UTF-8"), what);
            assertNoStackTrace(response);
        });
    }

    /**
     * {@code GET path?param=a%00b}: {@code 400} problem+json (common's NulInUrl) — PostgreSQL cannot compare or store
     * U+0000, so the value must never reach a query.
     */
    public static RawHttp.Response assertNulInQueryRefused(URI base, String path, String param, String token) {
        RawHttp.Response response = RawHttp.send(base, "GET", path + "?" + param + "=a%00b",
                Map.of("Authorization", "Bearer " + token), null);
        assertEquals(400, response.status(), response.toString());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.toString());
        assertEquals(400, response.json().path("status").asInt(), response.toString());
        assertNoStackTrace(response);
        return response;
    }

    private static void assertNoStackTrace(RawHttp.Response response) {
        assertFalse(response.body().matches("(?s).*(\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by: ).*"),
                response.toString());
    }

    private static Map<String, byte[]> ordered(Object... pairs) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (byte[]) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
