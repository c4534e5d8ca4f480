package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.downtime.common.problem.ProblemMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ServiceOutageResourceTest {

    private static ValidatableResponse outages(String service, Instant from, Instant to) {
        var request = given();
        if (from != null) {
            request = request.queryParam("from", from.toString());
        }
        if (to != null) {
            request = request.queryParam("to", to.toString());
        }
        return request.when().get("/api/v1/services/{s}/outages", service).then();
    }

    @Test
    void filtersByOverlapWithFromTo() {
        String service = unique("svc");
        String target = unique("tgt");
        // outage A [100, 200), outage B [500, open)
        send(signal(service, target, "eu", "DOWN", "timeout", at(100)));
        send(signal(service, target, "eu", "UP", "ok", at(200)));
        send(signal(service, target, "eu", "DOWN", "head_stale", at(500)));

        outages(service, null, null).statusCode(200).body("$", hasSize(2))
                .body("[0].start", equalTo(at(100).toString()))
                .body("[0].end", equalTo(at(200).toString()))
                .body("[0].reason", equalTo("timeout"))
                .body("[1].start", equalTo(at(500).toString()))
                .body("[1].end", equalTo(null))
                .body("[1].reason", equalTo("head_stale"));

        outages(service, at(0), at(100)).statusCode(200).body("$", hasSize(0)); // [from, to) excludes a start at to
        outages(service, at(0), at(101)).statusCode(200).body("$", hasSize(1));
        outages(service, at(150), at(160)).statusCode(200).body("$", hasSize(1)).body("[0].reason", equalTo("timeout"));
        outages(service, at(200), at(300)).statusCode(200).body("$", hasSize(0)); // ended at from
        outages(service, at(300), at(400)).statusCode(200).body("$", hasSize(0));
        outages(service, at(10_000), null).statusCode(200).body("$", hasSize(1)).body("[0].reason",
                equalTo("head_stale"));
        outages(service, at(199), at(501)).statusCode(200).body("$", hasSize(2));
    }

    @Test
    void unknownServiceHasNoOutages() {
        outages(unique("nobody"), null, null).statusCode(200).body("$", hasSize(0));
    }

    @Test
    void badIntervalsAre400Problem() {
        String service = unique("svc");
        outages(service, at(100), at(100)).statusCode(400)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                .body("status", equalTo(400));
        outages(service, at(200), at(100)).statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        given().queryParam("from", "last tuesday").when().get("/api/v1/services/{s}/outages", service).then()
                .statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        given().queryParam("to", "2021-13-01T00:00:00Z").when().get("/api/v1/services/{s}/outages", service).then()
                .statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
    }

    @Test
    void instantsOutsideTheYears1970To9999Are400Problem() {
        String service = unique("svc");
        for (String from : java.util.List.of("1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z")) {
            given().queryParam("from", from).when().get("/api/v1/services/{s}/outages", service).then()
                    .statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON)).body("status", equalTo(400));
        }
        for (String to : java.util.List.of("+10000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z")) {
            given().queryParam("to", to).when().get("/api/v1/services/{s}/outages", service).then()
                    .statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON)).body("status", equalTo(400));
        }
        // the bounds themselves are fine
        given().queryParam("from", "1970-01-01T00:00:00Z").queryParam("to", "9999-12-31T23:59:59.999999Z").when()
                .get("/api/v1/services/{s}/outages", service).then().statusCode(200).body("$", hasSize(0));
    }
}
