package io.downtime.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seeded fuzzer of a service's HTTP API, driven by the service's own OpenAPI document ({@code /q/openapi?format=json}),
 * so every path and method, including endpoints added later, is covered without a hand-written list (OWASP API
 * Security Top 10, "hostile input").
 * <p>
 * Every request it sends is built to FAIL validation, so that "the database is unchanged afterwards" is a meaningful
 * check ({@link DbSnapshot}):
 * <ul>
 * <li>every path parameter gets a value no row can have: non-numeric, negative, zero, beyond {@code long}, encoded
 * {@code ../}, NUL, invalid UTF-8 percent escapes, SQL injection, a random UUID, 2,000 characters;</li>
 * <li>every JSON body gets one mutation that breaks it for certain — malformed or truncated JSON, ill-formed UTF-8
 * inside a string ({@link #ILL_FORMED_UTF8}: broken, overlong, surrogate and out-of-range sequences), raw NUL bytes, a wrong
 * top-level type, a required property removed, a typed property given a value of the wrong JSON type,
 * an integer beyond {@code long}, 5,000 levels of nesting, a body over {@link Builder#maxBodyBytes(long)}, or a wrong
 * {@code Content-Type} — on top of hostile values in every other property (SQL/NoSQL/JSON/path injection strings, NUL
 * and control characters, 10,000-character strings, extreme numbers, unknown extra properties such as {@code id} and
 * {@code status});</li>
 * <li>query parameters get values outside their declared type, enum, minimum or maxLength (e.g. {@code limit=-1},
 * {@code from=2024-13-45T99:99:99Z});</li>
 * <li>an operation with none of these (a parameterless GET) gets an {@code Accept} type it cannot produce (406);</li>
 * <li>one request in 25, without a body, is over the server's HTTP limits: an over-long path value (or query) making the
 * request line longer than {@link Builder#maxRequestLineBytes(int)}, which must get {@code 414}, or a header over
 * {@link Builder#maxHeaderBytes(int)}, which must get {@code 431}.</li>
 * </ul>
 * An answer passes when its status is 4xx, its {@code Content-Type} is {@code application/problem+json} (for paths
 * under a {@link Builder#plainJsonPrefix(String) plain-JSON prefix}, e.g. PagerDuty's {@code /v2/enqueue}, any JSON),
 * its JSON {@code status} equals the HTTP status, and its body holds no Java stack trace. The one exception: a request
 * over the HTTP limits may get the expected 414/431 with an empty body, because Vert.x's HTTP decoder refuses it before
 * any Quarkus route runs and Quarkus 3.29 offers no hook to answer it as problem+json (common's ProblemMappers). A 2xx (a
 * mutation that was
 * accidentally valid) is counted in {@link Result#accepted()} and reported, not failed; the caller's database check
 * decides whether it changed anything. Everything is derived from {@link Builder#seed(long)}: the same seed against the
 * same API sends the same requests, and {@link Result#report()} prints the seed and every failing request.
 */
public final class ApiFuzzer {

    /** Strings that have broken parsers, validators and query builders elsewhere. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1", "'; DROP TABLE targets; --", "1; SELECT pg_sleep(10)--", "\" OR \"\"=\"",
            "{\"$ne\": null}", "$where", "${jndi:ldap://127.0.0.1/x}", "#{7*7}", "{{7*7}}", "<script>alert(1)</script>",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "\u0000", "a\u0000b", "\u0001\u0002\u001f\u007f",
            "\r\nX-Injected: 1", "\uFEFF", "\uD83D\uDCA9", "\u202Etxt.exe", "", " ", "null", "undefined", "NaN",
            "-1", "0", "9223372036854775808", "1e309", "true", "[]", "{}", "\\", "\"", "'", "`", "%s%n%x",
            "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "javascript:alert(1)",
            "0x" + "f".repeat(70), "2024-13-45T99:99:99Z", "-999999999-01-01T00:00:00Z", "P-1D",
            "a".repeat(10_000), "é".repeat(3_000), "\u0000".repeat(100));

    /** Path parameter values (already percent-encoded where needed) that no stored row can match. */
    static final List<String> BAD_PATH_VALUES = List.of("abc", "-1", "0", "99999999999999999999999",
            "9223372036854775807", "-9223372036854775808", "1.5", "1e3", "0x10", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%2F..%2F..%2Fq%2Fopenapi", "%00", "%0d%0aX-Injected:%201", "%FF%FE%FD", "%C0%AF", "'%20OR%20'1'%3D'1",
            "1%3B%20DROP%20TABLE%20targets", "%7B%22%24ne%22%3Anull%7D", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fx%7D",
            "null", "undefined", "%20", "%E2%80%AE", "fz-" + "x".repeat(2_000));

    /**
     * Byte sequences that are not UTF-8 (RFC 3629 §3): a lead byte without its continuation, bytes that never occur,
     * overlong encodings ({@code /} and NUL), UTF-8-encoded surrogates, a code point beyond U+10FFFF, and a lead byte
     * right before the closing quote.
     */
    static final List<byte[]> ILL_FORMED_UTF8 = List.of(new byte[] { (byte) 0xC3, 0x28 },
            new byte[] { (byte) 0xFF, (byte) 0xFE },
            new byte[] { (byte) 0x80 }, new byte[] { (byte) 0xC0, (byte) 0xAF },
            new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
            new byte[] { (byte) 0xC0, (byte) 0x80 }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
            new byte[] { (byte) 0xED, (byte) 0xBF, (byte) 0xBF },
            new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
            new byte[] { (byte) 0xC3 });

    /** One request in this many is over the server's request-line or header limit. */
    private static final int OVER_LIMIT_ONE_IN = 25;

    private static final Pattern STACK_TRACE = Pattern
            .compile("(\\bat [A-Za-z0-9_$.]+\\([A-Za-z0-9_$]+\\.java:\\d+\\))|(Caused by: )|(\"stackTrace\")|(\"stack\")");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Builder options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Random random;
    private JsonNode openApi;

    private ApiFuzzer(Builder options) {
        this.options = options;
    }

    /** Starts configuring a fuzzer of the service at {@code baseUri} (e.g. {@code http://localhost:8081/}). */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** One operation of the OpenAPI document. */
    public record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** An answer that broke the contract: the request (method, URI, headers, body excerpt) and the answer. */
    public record Failure(String request, int status, String contentType, String body, String reason) {
        @Override
        public String toString() {
            return reason + "\n  request: " + request + "\n  answer: " + status + " " + contentType + " " + body;
        }
    }

    /**
     * What a run did: the seed, requests sent, answers per status, 2xx answers (accidentally valid mutations, with up to
     * 20 samples), operations covered and skipped, and the failures.
     */
    public record Result(long seed, int requests, Map<Integer, Integer> statuses, int accepted, List<String> acceptedSamples,
            List<String> operations, List<Failure> failures) {

        /** A human-readable summary: seed, counts, every operation, and every failure with its request. */
        public String report() {
            StringBuilder out = new StringBuilder();
            out.append("ApiFuzzer seed=").append(seed).append(" (rerun with -Dfuzz.seed=").append(seed).append(")")
                    .append(" requests=").append(requests).append(" statuses=").append(statuses)
                    .append(" accepted(2xx)=").append(accepted).append(" operations=").append(operations.size())
                    .append(" failures=").append(failures.size()).append('\n');
            operations.forEach(o -> out.append("  op ").append(o).append('\n'));
            acceptedSamples.forEach(a -> out.append("  accepted: ").append(a).append('\n'));
            failures.stream().limit(50).forEach(f -> out.append("FAILURE ").append(f).append('\n'));
            return out.toString();
        }
    }

    /** Fetches the OpenAPI document, fuzzes every operation and returns what happened (never throws on a bad answer). */
    public Result run() {
        random = new Random(options.seed);
        openApi = fetchOpenApi();
        List<Operation> operations = operations();
        List<Failure> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> acceptedSamples = new ArrayList<>();
        int accepted = 0;
        int sent = 0;
        int perOperation = Math.max(options.requestsPerOperation,
                operations.isEmpty() ? 0 : -Math.floorDiv(-options.minimumRequests, operations.size()));
        for (Operation op : operations) {
            for (int i = 0; i < perOperation; i++) {
                Request request = mutate(op);
                Answer response;
                try {
                    response = send(request);
                } catch (IOException e) {
                    failures.add(new Failure(request.describe(), -1, "", String.valueOf(e), "no answer (connection failed)"));
                    continue;
                }
                sent++;
                statuses.merge(response.status(), 1, Integer::sum);
                if (response.status() >= 200 && response.status() < 300) {
                    accepted++;
                    if (acceptedSamples.size() < 20) {
                        acceptedSamples.add(request.describe() + " -> " + response.status());
                    }
                    continue;
                }
                String reason = check(op, request, response);
                if (reason != null) {
                    failures.add(new Failure(request.describe(), response.status(), response.contentType(),
                            excerpt(response.body()), reason));
                }
            }
        }
        return new Result(options.seed, sent, statuses, accepted, acceptedSamples,
                operations.stream().map(Operation::toString).toList(), failures);
    }

    private String check(Operation op, Request request, Answer response) {
        int status = response.status();
        boolean tolerated = options.tolerated.getOrDefault(op.method() + " " + op.path(), List.of()).contains(status);
        if (request.expectedStatus() != 0 && status != request.expectedStatus()) {
            return "status " + status + " is not " + request.expectedStatus() + " (request over the server's limits)";
        }
        if ((status < 400 || status > 499) && !tolerated) {
            return "status " + status + " is not 4xx";
        }
        String body = response.body();
        if (STACK_TRACE.matcher(body).find()) {
            return "stack trace in the answer";
        }
        String contentType = response.contentType().toLowerCase(Locale.ROOT);
        if (request.expectedStatus() != 0 && body.isEmpty()) {
            // Vert.x's HTTP decoder refused it before any route could answer problem+json (see the class comment)
            return null;
        }
        boolean plainJsonAllowed = options.plainJsonPrefixes.stream().anyMatch(op.path()::startsWith);
        if (!contentType.startsWith(PROBLEM_JSON)) {
            if (!(plainJsonAllowed && contentType.startsWith("application/json"))) {
                return "Content-Type '" + contentType + "' is not " + PROBLEM_JSON;
            }
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.path("status").asInt(-1) != status) {
                return "problem status " + problem.path("status") + " differs from HTTP status " + status;
            }
            if (!problem.hasNonNull("title")) {
                return "problem without a title";
            }
        } catch (IOException e) {
            return "problem body is not JSON";
        }
        return null;
    }

    // ---------------------------------------------------------------- OpenAPI

    private JsonNode fetchOpenApi() {
        try {
            HttpResponse<String> response = http.send(HttpRequest
                    .newBuilder(options.baseUri.resolve("q/openapi?format=json")).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of the document whose path is not excluded, in document order. */
    public List<Operation> operations() {
        if (openApi == null) {
            openApi = fetchOpenApi();
        }
        List<Operation> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (options.excludedPrefixes.stream().anyMatch(path.getKey()::startsWith)) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                String m = method.getKey().toUpperCase(Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    result.add(new Operation(m, path.getKey(), method.getValue()));
                }
            }
        }
        return result;
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = openApi.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }

    private List<JsonNode> parameters(Operation op, String in) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode p : op.spec().path("parameters")) {
            JsonNode param = resolve(p);
            if (in.equals(param.path("in").asText())) {
                result.add(param);
            }
        }
        // a path template variable without a declared parameter still needs a value
        return result;
    }

    // ---------------------------------------------------------------- mutation

    /** A request to send; {@code expectedStatus} is the one status it must get (0: any 4xx). */
    private record Request(String method, URI uri, Map<String, String> headers, byte[] body, int expectedStatus) {
        String describe() {
            String shown = body == null ? "" : " body=" + excerpt(new String(body, StandardCharsets.UTF_8));
            return method + " " + excerpt(uri.toString()) + " headers=" + excerpt(headers.toString()) + shown;
        }
    }

    private Request mutate(Operation op) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (options.token != null) {
            headers.put("Authorization", "Bearer " + options.token);
        }
        headers.put("Accept", "application/json, application/problem+json, */*;q=0.1");

        if (random.nextInt(OVER_LIMIT_ONE_IN) == 0) {
            return overLimit(op, headers);
        }
        String path = op.path();
        boolean mustFail = false;
        boolean stringPathOnly = true;
        java.util.regex.Matcher vars = Pattern.compile("\\{([^}]+)}").matcher(path);
        StringBuilder uri = new StringBuilder();
        int last = 0;
        while (vars.find()) {
            uri.append(path, last, vars.start());
            uri.append(pick(BAD_PATH_VALUES));
            last = vars.end();
            mustFail = true;
            JsonNode type = pathParamSchema(op, vars.group(1));
            if (!"string".equals(type.path("type").asText("string"))) {
                stringPathOnly = false; // a numeric id: a bad value never matches a row
            }
        }
        uri.append(path.substring(last));
        boolean pathDecides = mustFail && !stringPathOnly;

        List<String> query = new ArrayList<>();
        for (JsonNode param : parameters(op, "query")) {
            String bad = badQueryValue(param);
            if (bad != null && (random.nextInt(3) > 0 || !mustFail)) {
                query.add(param.path("name").asText() + "=" + bad);
                mustFail = true;
            } else if (bad == null && "GET".equals(op.method()) && random.nextBoolean()) {
                // a free-form filter (e.g. service=): hostile but possibly valid; a read answers 2xx or 4xx, never 5xx
                query.add(param.path("name").asText() + "="
                        + java.net.URLEncoder.encode(pickShort(), StandardCharsets.UTF_8));
            }
        }
        if (!query.isEmpty()) {
            uri.append('?').append(String.join("&", query));
        }

        byte[] body = null;
        JsonNode requestBody = op.spec().path("requestBody");
        if (!requestBody.isMissingNode()) {
            JsonNode content = requestBody.path("content");
            String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
            JsonNode schema = resolve(content.path(mediaType).path("schema"));
            headers.put("Content-Type", mediaType);
            JsonNode value = generate(schema, 0);
            // a numeric path id already decides the answer: then half the bodies are well-formed hostile values only
            boolean breakBody = !pathDecides || random.nextBoolean();
            body = breakBody ? breakBody(schema, value, headers) : bytes(value);
            mustFail = true;
        } else if (!mustFail) {
            headers.put("Accept", pick(List.of("application/xml", "image/png", "application/x-unknown")));
        }
        return new Request(op.method(), options.baseUri.resolve(uri.substring(1)), headers, body, 0);
    }

    /**
     * A request over the server's HTTP limits, without a body: half of them with a request line over
     * {@link Builder#maxRequestLineBytes(int)} (an over-long path value where the path has a parameter, else an over-long
     * query), which must get {@code 414}; half with a header over {@link Builder#maxHeaderBytes(int)}, which must get
     * {@code 431}.
     */
    private Request overLimit(Operation op, Map<String, String> headers) {
        String path = op.path();
        if (random.nextBoolean()) {
            String pad = "x".repeat(options.maxRequestLineBytes + 1 + random.nextInt(1024));
            java.util.regex.Matcher var = Pattern.compile("\\{[^}]+}").matcher(path);
            String target = var.find() ? path.substring(0, var.start()) + pad + path.substring(var.end())
                    : path + "?pad=" + pad;
            return new Request(op.method(), options.baseUri.resolve(target.replaceAll("\\{[^}]+}", "1").substring(1)),
                    headers, null, 414);
        }
        headers.put("X-Fuzz-Padding", "y".repeat(options.maxHeaderBytes + 1 + random.nextInt(1024)));
        return new Request(op.method(), options.baseUri.resolve(path.replaceAll("\\{[^}]+}", "1").substring(1)), headers,
                null, 431);
    }

    private JsonNode pathParamSchema(Operation op, String name) {
        for (JsonNode param : parameters(op, "path")) {
            if (name.equals(param.path("name").asText())) {
                return resolve(param.path("schema"));
            }
        }
        return NODES.objectNode();
    }

    /** A value outside the parameter's declared type or constraints, or null when nothing about it must fail. */
    private String badQueryValue(JsonNode param) {
        JsonNode schema = resolve(param.path("schema"));
        String type = schema.path("type").asText("");
        String name = param.path("name").asText().toLowerCase(Locale.ROOT);
        if (type.equals("integer") || type.equals("number") || name.equals("limit")) {
            return pick(List.of("abc", "-1", "0", "1e999", "99999999999999999999", "%00", "1%3B%20DROP%20TABLE%20x",
                    "-9223372036854775809", "NaN", "0x10"));
        }
        if (schema.has("enum")) {
            return pick(List.of("BOGUS", "%27%20OR%201%3D1--", "%00", "open%00", "x".repeat(300)));
        }
        if ("date-time".equals(schema.path("format").asText()) || name.equals("from") || name.equals("to")
                || name.endsWith("at") || name.equals("since") || name.equals("until")) {
            return pick(List.of("not-a-date", "2024-13-45T99:99:99Z", "-999999999-01-01T00:00:00Z",
                    "%2B1000000000-01-01T00:00:00Z", "1700000000", "%00", "2024-01-01", "'%20OR%201%3D1--"));
        }
        if (schema.has("maxLength")) {
            // just over the limit: a request line over 4 KiB is refused by Vert.x itself (414, before any handler)
            return "x".repeat(schema.get("maxLength").asInt() + 1 + random.nextInt(200));
        }
        if (type.equals("boolean")) {
            return pick(List.of("maybe", "2", "%00"));
        }
        return null;
    }

    /** A structurally plausible value for the schema, full of hostile strings and numbers and unknown extra properties. */
    private JsonNode generate(JsonNode schema, int depth) {
        schema = resolve(schema);
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        if (depth > 5) {
            return NODES.nullNode();
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields()
                        .forEachRemaining(p -> object.set(p.getKey(), random.nextInt(10) == 0 ? NODES.nullNode()
                                : generate(p.getValue(), depth + 1)));
                if (random.nextBoolean()) {
                    // mass assignment attempts and plain noise
                    object.put("id", random.nextInt(3) == 0 ? "1" : "999999");
                    object.put("status", pick(List.of("DOWN", "RESOLVED", "UP")));
                    object.put("createdAt", "1970-01-01T00:00:00Z");
                    object.put(pick(HOSTILE_STRINGS), pick(HOSTILE_STRINGS));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(generate(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(pick(List.of(-1L, 0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
                        (long) Integer.MAX_VALUE + 1, (long) random.nextInt())));
            }
            case "number" -> {
                return NODES.numberNode(pick(List.of(-1.0, 0.0, 1e308, -1e308, 4.9e-324, 1.5, 100.0001)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case "string" -> {
                if (schema.has("enum") && random.nextBoolean()) {
                    JsonNode values = schema.get("enum");
                    return values.get(random.nextInt(values.size()));
                }
                return NODES.textNode(pick(HOSTILE_STRINGS));
            }
            default -> {
                return NODES.textNode(pick(HOSTILE_STRINGS));
            }
        }
    }

    /** Applies one mutation that makes the body invalid for certain (see the class comment). */
    private byte[] breakBody(JsonNode schema, JsonNode value, Map<String, String> headers) {
        int choice = random.nextInt(11);
        switch (choice) {
            case 0 -> { // truncated or malformed JSON
                String text = value.toString();
                return pick(List.of(text.substring(0, Math.max(1, text.length() / 2)), text + "}", "{'single': 'quotes'}",
                        "{\"a\":1,}", "{/* comment */}", "{\"a\" 1}", "tru", "\"unterminated", "{\"a\":NaN}", "<xml/>"))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> { // ill-formed UTF-8 inside a string of an otherwise generated body (RFC 8259 §8.1, RFC 3629)
                return illFormedUtf8(schema, value);
            }
            case 2 -> { // raw control characters where JSON forbids them
                return ("{\"name\":\"a\u0000b\u0001\n\"}").getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> { // wrong top-level type
                return pick(List.of("[]", "[{}]", "\"text\"", "42", "-1", "true", "null", "1e999", "[" + value + "]"))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> { // deep nesting
                int depth = 5_000;
                return ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> { // oversized
                StringBuilder big = new StringBuilder(options.maxBodyBytes + 1024);
                big.append("{\"name\":\"");
                while (big.length() < options.maxBodyBytes + 1024) {
                    big.append("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
                }
                return big.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> { // wrong content type
                headers.put("Content-Type", pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/octet-stream", "image/png")));
                return bytes(value);
            }
            default -> {
                if (value instanceof ObjectNode object && object.size() > 0) {
                    if (breakProperty(schema, object)) {
                        return bytes(object);
                    }
                }
                return "[\"not an object\"]".getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * The body with one of {@link #ILL_FORMED_UTF8} inside a string: a string property of the schema when it has one,
     * else an extra property (or, for a non-object body, a first array element). Nothing else about the body needs to be
     * wrong: the services refuse ill-formed UTF-8 as such (common's StrictUtf8).
     */
    private byte[] illFormedUtf8(JsonNode schema, JsonNode value) {
        String marker = "FUZZ-UTF8-" + random.nextInt(1_000_000);
        String text;
        if (value instanceof ObjectNode object) {
            List<String> strings = new ArrayList<>();
            schema.path("properties").fields().forEachRemaining(p -> {
                if ("string".equals(resolve(p.getValue()).path("type").asText(""))) {
                    strings.add(p.getKey());
                }
            });
            object.put(strings.isEmpty() ? "x" : pick(strings), "a" + marker + "b");
            text = object.toString();
        } else {
            text = "[\"" + marker + "\"," + value + "]";
        }
        int at = text.indexOf(marker);
        return concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), pick(ILL_FORMED_UTF8),
                text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes a required property or gives a typed property a value of a JSON type Jackson will not coerce; false when
     * the schema names neither.
     */
    private boolean breakProperty(JsonNode schema, ObjectNode object) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> typed = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(p -> {
            String t = resolve(p.getValue()).path("type").asText("");
            if (List.of("string", "integer", "number", "boolean", "array").contains(t)) {
                typed.add(p.getKey());
            }
        });
        if (!required.isEmpty() && (typed.isEmpty() || random.nextBoolean())) {
            object.remove(pick(required));
            return true;
        }
        if (typed.isEmpty()) {
            return false;
        }
        String name = pick(typed);
        String type = resolve(schema.path("properties").path(name)).path("type").asText();
        switch (type) {
            case "string" -> object.set(name, random.nextBoolean() ? JSON.createObjectNode().putNull("$ne")
                    : JSON.createArrayNode().add("' OR 1=1--"));
            case "integer" -> object.set(name, pick(List.<JsonNode> of(NODES.textNode("twelve"), NODES.objectNode(),
                    NODES.numberNode(new java.math.BigInteger("999999999999999999999999999999")), NODES.arrayNode().add(1))));
            case "number" -> object.set(name, pick(List.<JsonNode> of(NODES.textNode("twelve"), NODES.objectNode(),
                    NODES.arrayNode().add(1.5))));
            case "boolean" -> object.set(name, pick(List.<JsonNode> of(NODES.textNode("maybe"), NODES.objectNode(),
                    NODES.numberNode(2))));
            default -> object.set(name, NODES.objectNode().put("not", "a list"));
        }
        return true;
    }

    // ---------------------------------------------------------------- HTTP

    /** An answer: status, {@code Content-Type} ({@code ""} when none) and body ({@code ""} when none). */
    private record Answer(int status, String contentType, String body) {
    }

    /**
     * Sends a request with the pooled HTTP client, or, when it is over the server's limits, on a connection of its own
     * ({@link RawHttp}): Vert.x closes the connection after refusing it, and a pooled client could pick that closed
     * connection for the next request.
     */
    private Answer send(Request request) throws IOException {
        if (request.expectedStatus() != 0) {
            try {
                String target = request.uri().getRawPath()
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
                RawHttp.Response raw = RawHttp.send(request.uri(), request.method(), target, request.headers(), null);
                return new Answer(raw.status(), raw.contentType(), raw.body());
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        HttpResponse<String> response = sendPooled(request);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body() == null ? "" : response.body());
    }

    private HttpResponse<String> sendPooled(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(60));
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A hostile string short enough for a request line (Vert.x refuses lines over 4 KiB with a bare 414). */
    private String pickShort() {
        String value = pick(HOSTILE_STRINGS);
        return value.length() > 300 ? value.substring(0, 300) : value;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(JsonNode value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replace("\u0000", "\\u0000");
        return clean.length() > 400 ? clean.substring(0, 400) + "…(" + clean.length() + " chars)" : clean;
    }

    /** Options of an {@link ApiFuzzer}. */
    public static final class Builder {
        private final URI baseUri;
        private String token;
        private long seed = Long.getLong("fuzz.seed", System.nanoTime());
        private int requestsPerOperation = Integer.getInteger("fuzz.requests-per-operation", 150);
        private int minimumRequests = Integer.getInteger("fuzz.minimum-requests", 2000);
        private int maxBodyBytes = 1024 * 1024;
        private int maxRequestLineBytes = 4096;
        private int maxHeaderBytes = 20 * 1024;
        private final List<String> plainJsonPrefixes = new ArrayList<>();
        private final List<String> excludedPrefixes = new ArrayList<>();
        private final Map<String, List<Integer>> tolerated = new LinkedHashMap<>();

        private Builder(URI baseUri) {
            String s = baseUri.toString();
            this.baseUri = URI.create(s.endsWith("/") ? s : s + "/");
        }

        /** Bearer token sent with every request (e.g. {@link Tokens#all()}); none when unset. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The seed; default: system property {@code fuzz.seed}, else the clock (printed by {@link Result#report()}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Requests per operation; default: system property {@code fuzz.requests-per-operation}, else 150. */
        public Builder requestsPerOperation(int n) {
            this.requestsPerOperation = n;
            return this;
        }

        /**
         * Requests per run at least, spread evenly over the operations (a small API gets more per operation); default:
         * system property {@code fuzz.minimum-requests}, else 2,000.
         */
        public Builder minimumRequests(int n) {
            this.minimumRequests = n;
            return this;
        }

        /** The service's request body limit in bytes (oversized bodies exceed it by 1 KiB); default 1 MiB. */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = (int) bytes;
            return this;
        }

        /**
         * The server's {@code quarkus.http.limits.max-initial-line-length} (over-long request lines exceed it by up to 1
         * KiB and must get 414); default 4096, Vert.x's default.
         */
        public Builder maxRequestLineBytes(int bytes) {
            this.maxRequestLineBytes = bytes;
            return this;
        }

        /**
         * The server's {@code quarkus.http.limits.max-header-size} (one oversized header exceeds it by up to 1 KiB and must
         * get 431); default 20 KiB, Quarkus' default.
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** Paths under this prefix may answer plain {@code application/json} errors (their own contract). */
        public Builder plainJsonPrefix(String prefix) {
            plainJsonPrefixes.add(prefix);
            return this;
        }

        /**
         * Accepts {@code status} (e.g. a designed 503 of a feature the test does not configure) as an answer of one
         * operation, {@code method} and OpenAPI path template as in the document (e.g. {@code "POST",
         * "/api/v1/slas/{service}/reports/anchor"}). The answer must still be problem+json.
         */
        public Builder tolerate(int status, String method, String pathTemplate) {
            tolerated.computeIfAbsent(method + " " + pathTemplate, k -> new ArrayList<>()).add(status);
            return this;
        }

        /** Paths under this prefix are not fuzzed. */
        public Builder exclude(String prefix) {
            excludedPrefixes.add(prefix);
            return this;
        }

        public ApiFuzzer build() {
            return new ApiFuzzer(this);
        }
    }
}
