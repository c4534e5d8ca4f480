package io.downtime.probe.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * OWASP API4: a request body over {@code quarkus.http.limits.max-body-size} (1M) is refused with 413 problem+json
 * before it is read (common's BodySizeLimit); one just under the limit reaches validation.
 */
@QuarkusTest
class BodySizeLimitTest {

    private static String bodyOf(int bytes) {
        String head = "{\"name\":\"big\",\"service\":\"big\",\"kind\":\"http\",\"url\":\"http://127.0.0.1:1/";
        String tail = "\"}";
        return head + "a".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @Test
    void overOneMebibyteIs413ProblemJson() {
        given().contentType(ContentType.JSON).body(bodyOf(1024 * 1024 + 1)).when().post("/api/v1/targets")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", equalTo("Content Too Large"))
                .body("detail", containsString("1048576 bytes"));
        given().when().get("/api/v1/targets?service=big").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void justUnderTheLimitReachesValidation() {
        // the url is over its 2048-character limit: 422 from validation, not 413
        given().contentType(ContentType.JSON).body(bodyOf(1024 * 1024 - 16)).when().post("/api/v1/targets")
                .then().statusCode(not(equalTo(413))).statusCode(422);
    }
}
