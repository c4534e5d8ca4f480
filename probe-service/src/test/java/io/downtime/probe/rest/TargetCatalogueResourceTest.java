package io.downtime.probe.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** CRUD and validation of the probe catalogue kinds (http, tcp, websocket, evm-contract) over REST. */
@QuarkusTest
class TargetCatalogueResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String target(String name, String service, String kind, String url, String settings) {
        return """
                {"name":"%s","service":"%s","kind":"%s","url":"%s","intervalSeconds":60,"timeoutMs":800%s}"""
                .formatted(name, service, kind, url, settings.isEmpty() ? "" : "," + settings);
    }

    private static long create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/targets").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void httpSettingsAreStoredAndHeaderValuesNeverEchoed() {
        String name = unique("api");
        String service = unique("exchange");
        String settings = """
                "http":{"expectedStatus":[200,204],"bodyContains":"ok","json":{"pointer":"/status","equals":"ok"},
                 "degradedAboveMs":500,"tlsExpiryDays":14,"followRedirects":true,"maxRedirects":3,
                 "headers":{"Authorization":"Bearer top-secret","X-Api-Key":"key-secret"}}""";
        long id = given().contentType(ContentType.JSON)
                .body(target(name, service, "http", "https://127.0.0.1:9443/health", settings))
                .post("/api/v1/targets").then().statusCode(201)
                .body("http.expectedStatus", equalTo(List.of(200, 204)))
                .body("http.json.pointer", equalTo("/status")).body("http.json.equals", equalTo("ok"))
                .body("http.degradedAboveMs", equalTo(500)).body("http.tlsExpiryDays", equalTo(14))
                .body("http.followRedirects", equalTo(true)).body("http.maxRedirects", equalTo(3))
                .body("http.headers.Authorization", equalTo("***")).body("http.headers.X-Api-Key", equalTo("***"))
                .body(not(containsString("secret")))
                .extract().jsonPath().getLong("id");
        given().get("/api/v1/targets/" + id).then().statusCode(200).body(not(containsString("secret")))
                .body("http.headers.Authorization", equalTo("***"));
        given().get("/api/v1/targets?service=" + service).then().body(not(containsString("secret")));
        given().get("/api/v1/targets/" + id + "/status").then().statusCode(200).body(not(containsString("secret")));
        given().get("/q/openapi").then().statusCode(200);

        // PUT with *** keeps the stored value; a new value replaces it; a header left out is dropped
        given().contentType(ContentType.JSON).body(target(name, service, "http", "https://127.0.0.1:9443/health",
                "\"http\":{\"headers\":{\"Authorization\":\"***\"}}")).put("/api/v1/targets/" + id)
                .then().statusCode(200).body("http.headers.Authorization", equalTo("***"))
                .body("http.headers", not(org.hamcrest.Matchers.hasKey("X-Api-Key")))
                .body("http.expectedStatus", equalTo(List.of(200)));
        // *** for a header that has no stored value is refused and changes nothing
        given().contentType(ContentType.JSON).body(target(name, service, "http", "https://127.0.0.1:9443/health",
                "\"http\":{\"headers\":{\"X-Other\":\"***\"}}")).put("/api/v1/targets/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("X-Other"));
        given().get("/api/v1/targets/" + id).then().body("http.headers.Authorization", equalTo("***"));
    }

    @Test
    void aSingleExpectedStatusIsAcceptedAsASet() {
        given().contentType(ContentType.JSON)
                .body(target(unique("one"), "s", "http", "http://127.0.0.1:1/", "\"http\":{\"expectedStatus\":301}"))
                .post("/api/v1/targets").then().statusCode(201).body("http.expectedStatus", equalTo(List.of(301)));
    }

    @Test
    void tcpWebSocketAndContractTargetsRoundTrip() {
        String service = unique("venue");
        long tcp = create(target(unique("tcp"), service, "tcp", "127.0.0.1:5432", ""));
        given().get("/api/v1/targets/" + tcp).then().statusCode(200).body("kind", equalTo("tcp"))
                .body("url", equalTo("tcp://127.0.0.1:5432"));

        long ws = create(target(unique("ws"), service, "websocket", "wss://127.0.0.1:9443/ws",
                "\"websocket\":{\"subscribe\":\"{\\\"op\\\":\\\"subscribe\\\"}\",\"expectContains\":\"trade\","
                        + "\"headers\":{\"X-Api-Key\":\"ws-secret\"}}"));
        given().get("/api/v1/targets/" + ws).then().statusCode(200).body("kind", equalTo("websocket"))
                .body("websocket.subscribe", equalTo("{\"op\":\"subscribe\"}"))
                .body("websocket.expectContains", equalTo("trade"))
                .body("websocket.headers.X-Api-Key", equalTo("***")).body(not(containsString("ws-secret")));

        String contract = """
                "evm":{"chainId":31337},"contract":{"address":"%s","calls":[
                 {"function":"paused()","returns":"bool","expect":"false"},
                 {"function":"balanceOf(address)","args":["%s"],"returns":"uint256","min":"1","max":"1000"}]}"""
                .formatted(ADDRESS, ADDRESS);
        String name = unique("router");
        long c = create(target(name, service, "evm-contract", "http://127.0.0.1:8545", contract));
        given().get("/api/v1/targets/" + c).then().statusCode(200).body("kind", equalTo("evm-contract"))
                .body("evm.chainId", equalTo(31337)).body("contract.address", equalTo(ADDRESS))
                .body("contract.calls[0].function", equalTo("paused()"))
                .body("contract.calls[1].args[0]", equalTo(ADDRESS)).body("contract.calls[1].min", equalTo("1"));
        given().contentType(ContentType.JSON).body(target(name, service, "evm-contract", "http://127.0.0.1:8545",
                "\"evm\":{\"chainId\":31337},\"contract\":{\"address\":\"" + ADDRESS + "\"}"))
                .put("/api/v1/targets/" + c).then().statusCode(200).body("contract.calls", empty());

        given().get("/api/v1/targets?service=" + service).then().statusCode(200)
                .body("kind", hasItem("tcp")).body("kind", hasItem("websocket")).body("kind", hasItem("evm-contract"));
        for (long id : new long[] { tcp, ws, c }) {
            given().delete("/api/v1/targets/" + id).then().statusCode(204);
            given().get("/api/v1/targets/" + id).then().statusCode(404);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            // kind | url | settings | detail mentions
            "tcp|http://127.0.0.1:80|~~|scheme must be tcp",
            "tcp|tcp://127.0.0.1|~~|port",
            "tcp|tcp://127.0.0.1:80/path|~~|nothing more",
            "tcp|tcp://169.254.169.254:80|~~|denied",
            "websocket|http://127.0.0.1:80/|~~|scheme must be ws or wss",
            "websocket|ws://[fe80::1]:80/|~~|denied",
            "evm-contract|ws://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\"}~|scheme must be http or https",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1}~|contract: required",
            "evm-contract|http://127.0.0.1:8545|~\"contract\":{\"address\":\"" + ADDRESS + "\"}~|evm: required",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"0x12\"}~|contract.address",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"paused\"}]}~|contract.calls[0].function",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"balanceOf(address)\",\"returns\":\"uint256\"}]}~|takes 1 argument",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"balanceOf(address)\",\"args\":[\"0x1\"],\"returns\":\"uint256\"}]}~|args[0]",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"paused()\",\"returns\":\"bool\",\"expect\":\"no\"}]}~|true or false",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"paused()\",\"returns\":\"bool\",\"min\":\"1\"}]}~|only for integer",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"f()\",\"returns\":\"uint7\"}]}~|unsupported ABI type",
            "evm-contract|http://127.0.0.1:8545|~\"evm\":{\"chainId\":1},\"contract\":{\"address\":\"" + ADDRESS
                    + "\",\"calls\":[{\"function\":\"f()\",\"returns\":\"uint8\",\"expect\":\"256\"}]}~|out of range",
            "http|http://127.0.0.1:80/|~\"http\":{\"expectedStatus\":[200,700]}~|expectedStatus",
            "http|http://127.0.0.1:80/|~\"http\":{\"expectedStatus\":[]}~|expectedStatus",
            "http|http://127.0.0.1:80/|~\"http\":{\"headers\":{\"Bad Name\":\"x\"}}~|HTTP header name",
            "http|http://127.0.0.1:80/|~\"http\":{\"headers\":{\"X-Evil\":\"a\\r\\nHost: evil\"}}~|CR, LF or NUL",
            "http|http://127.0.0.1:80/|~\"http\":{\"headers\":{\"Content-Length\":\"5\"}}~|may not be set",
            "http|http://127.0.0.1:80/|~\"http\":{\"json\":{\"pointer\":\"status\",\"equals\":1}}~|JSON pointer",
            "http|http://127.0.0.1:80/|~\"http\":{\"json\":{\"pointer\":\"/status\"}}~|http.json.expected",
            "http|http://127.0.0.1:80/|~\"http\":{\"maxRedirects\":50}~|maxRedirects",
            "http|http://127.0.0.1:80/|~\"http\":{\"bodyContains\":\"\"}~|bodyContains",
            "http|http://127.0.0.1:80/|~\"websocket\":{}~|websocket: only allowed",
            "http|http://127.0.0.1:80/|~\"contract\":{\"address\":\"" + ADDRESS + "\"}~|contract: only allowed",
            "tcp|tcp://127.0.0.1:80|~\"http\":{}~|http: only allowed",
            "websocket|ws://127.0.0.1:80/|~\"websocket\":{\"subscribe\":\"x\",\"expectContains\":\"\"}~|expectContains" })
    void invalidCatalogueInputIs422ProblemJsonAndStoresNothing(String kind, String url, String settings,
            String detailMentions) {
        String service = unique("bad");
        given().contentType(ContentType.JSON).body(target(unique("t"), service, kind, url, settings == null ? "" : settings))
                .post("/api/v1/targets").then().statusCode(422).contentType(PROBLEM)
                .body("status", equalTo(422)).body("detail", containsString(detailMentions));
        given().get("/api/v1/targets?service=" + service).then().statusCode(200).body("$", empty());
    }

    @Test
    void tooManyHeadersAreRefused() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            headers.append(i == 0 ? "" : ",").append("\"X-H").append(i).append("\":\"v\"");
        }
        given().contentType(ContentType.JSON).body(target(unique("many"), "s", "http", "http://127.0.0.1:1/",
                "\"http\":{\"headers\":{" + headers + "}}")).post("/api/v1/targets").then().statusCode(422)
                .contentType(PROBLEM).body("violations.field", hasItem("http.headers"));
    }
}
