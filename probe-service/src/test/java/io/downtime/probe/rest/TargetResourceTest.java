package io.downtime.probe.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TargetResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid body with one field replaced by raw JSON ({@code field} null for none). */
    private static String body(String name, String service, String field, String rawValue) {
        String json = """
                {"name":"%s","service":"%s","kind":"evm-node","url":"http://127.0.0.1:1",
                 "intervalSeconds":30,"timeoutMs":800,"failureThreshold":2,"successThreshold":2,
                 "evm":{"chainId":31337,"maxHeadAgeSeconds":5}}""".formatted(name, service);
        if (field == null) {
            return json;
        }
        return json.replaceFirst("\"" + field + "\":(\\{[^}]*\\}|\"[^\"]*\"|[0-9]+)", "\"" + field + "\":" + rawValue);
    }

    private static long create(String name, String service) {
        return given().contentType(ContentType.JSON).body(body(name, service, null, null))
                .post("/api/v1/targets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void createReturns201WithLocationAndTheStoredTarget() {
        String name = unique("anvil");
        String service = unique("dex");
        long id = given().contentType(ContentType.JSON).body(body(name, service, null, null))
                .post("/api/v1/targets")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/targets/" + given().when().get("/api/v1/targets?service=" + service)
                        .then().extract().jsonPath().getLong("[0].id")))
                .body("name", equalTo(name))
                .body("kind", equalTo("evm-node"))
                .body("evm.chainId", equalTo(31337))
                .body("evm.maxHeadAgeSeconds", equalTo(5))
                .body("createdAt", notNullValue())
                .extract().jsonPath().getLong("id");
        given().get("/api/v1/targets/" + id).then().statusCode(200).body("service", equalTo(service));
        given().get("/api/v1/targets?service=" + service).then().statusCode(200).body("name", hasItem(name));
        given().get("/api/v1/targets/" + id + "/status").then().statusCode(200)
                .body("target", equalTo(name)).body("region", equalTo("local")).body("state", notNullValue());
    }

    @Test
    void defaultsAreAppliedForAnHttpTarget() {
        String name = unique("web");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"service\":\"s\",\"kind\":\"http\",\"url\":\"http://127.0.0.1:1/health\"}")
                .post("/api/v1/targets").then().statusCode(201)
                .body("intervalSeconds", equalTo(15)).body("timeoutMs", equalTo(2000))
                .body("failureThreshold", equalTo(2)).body("http.expectedStatus", equalTo(java.util.List.of(200)));
    }

    @Test
    void aTakenNameIs409AndStoresNothing() {
        String name = unique("dup");
        String service = unique("svc");
        create(name, service);
        given().contentType(ContentType.JSON).body(body(name, unique("other"), null, null))
                .post("/api/v1/targets").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kind|\"ftp\"|kind",
            "name|\"has space\"|name",
            "intervalSeconds|0|intervalSeconds",
            "timeoutMs|40000|timeoutMs",
            "evm|{\"maxHeadAgeSeconds\":5}|evm.chainId",
            "evm|null|evm",
            "url|\"http://169.254.169.254/latest/meta-data\"|denied",
            "url|\"file:///etc/passwd\"|scheme",
            "url|\"http://[fe80::1]:8545\"|denied",
            "url|\"http://metadata.google.internal/\"|denied",
            "failureThreshold|0|failureThreshold" })
    void invalidInputIs422ProblemJsonAndStoresNothing(String field, String raw, String detailMentions) {
        String service = unique("bad");
        given().contentType(ContentType.JSON).body(body(unique("t"), service, field, raw))
                .post("/api/v1/targets").then().statusCode(422).contentType(PROBLEM)
                .body("status", equalTo(422)).body("detail", containsString(detailMentions));
        given().get("/api/v1/targets?service=" + service).then().statusCode(200).body("$", empty());
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        given().contentType(ContentType.JSON).body("{\"name\":").post("/api/v1/targets")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        given().contentType(ContentType.JSON).body(
                "{\"name\":\"x\",\"service\":\"s\",\"kind\":\"http\",\"url\":\"http://127.0.0.1/\",\"intervalSeconds\":\"often\"}")
                .post("/api/v1/targets").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void unknownIdIs404ProblemJson() {
        given().get("/api/v1/targets/987654321").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("987654321"));
        given().get("/api/v1/targets/987654321/status").then().statusCode(404).contentType(PROBLEM);
        given().delete("/api/v1/targets/987654321").then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(body(unique("x"), "s", null, null))
                .put("/api/v1/targets/987654321").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void putReplacesSettingsAndDeleteRemoves() {
        String name = unique("upd");
        long id = create(name, unique("svc"));
        given().contentType(ContentType.JSON).body(body(name, "moved", "intervalSeconds", "60"))
                .put("/api/v1/targets/" + id).then().statusCode(200)
                .body("service", equalTo("moved")).body("intervalSeconds", equalTo(60));
        given().get("/api/v1/targets/" + id).then().body("intervalSeconds", equalTo(60));

        String other = unique("other");
        create(other, "s");
        given().contentType(ContentType.JSON).body(body(other, "moved", null, null))
                .put("/api/v1/targets/" + id).then().statusCode(409).contentType(PROBLEM);
        given().get("/api/v1/targets/" + id).then().body("name", equalTo(name));

        given().delete("/api/v1/targets/" + id).then().statusCode(204);
        given().get("/api/v1/targets/" + id).then().statusCode(404);
    }
}
