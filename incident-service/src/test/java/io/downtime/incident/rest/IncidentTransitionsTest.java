package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.downtime.common.problem.ProblemMappers;
import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Manual lifecycle: acknowledge, mitigate, resolve; 404 and 409; list filters. */
@QuarkusTest
class IncidentTransitionsTest {

    /**
     * Posts a transition as {@code actor}: a responder token of that subject, with a body naming someone else as
     * {@code actor} (ignored: the timeline records the token's subject). Null: no body, the default all-roles token.
     */
    static ValidatableResponse transition(long id, String action, String actor) {
        var request = given();
        if (actor != null) {
            request = request.header("Authorization", "Bearer " + Tokens.forRoles(actor, Set.of("responder")))
                    .contentType(ContentType.JSON).body(Map.of("actor", "mallory", "note", "on it"));
        }
        return request.when().post("/api/v1/incidents/{id}/{action}", id, action).then();
    }

    private static long openIncident() {
        String service = unique("svc");
        send(signal(service, unique("tgt"), "eu", "DOWN", "timeout", at(0)));
        return onlyIncidentId(service);
    }

    @Test
    void acknowledgeThenResolveAndIllegalTransitionsAre409() {
        long id = openIncident();

        transition(id, "acknowledge", "alice").statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedAt", notNullValue())
                .body("resolvedAt", nullValue())
                .body("timeline[-1].type", equalTo("ACKNOWLEDGED"))
                .body("timeline[-1].actor", equalTo("alice"))
                .body("timeline[-1].detail", equalTo("TRIGGERED -> ACKNOWLEDGED: on it"));

        transition(id, "acknowledge", "bob").statusCode(409)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                .body("status", equalTo(409));

        // no body: the actor is the subject of the default test token
        transition(id, "resolve", null).statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolvedAt", notNullValue())
                .body("timeline[-1].actor", equalTo("test"));

        transition(id, "resolve", "alice").statusCode(409).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        transition(id, "acknowledge", "alice").statusCode(409).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        transition(id, "mitigate", "alice").statusCode(409).contentType(startsWith(ProblemMappers.PROBLEM_JSON));

        given().when().get("/api/v1/incidents/{id}", id).then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("timeline.type", equalTo(java.util.List.of("TRIGGERED", "ACKNOWLEDGED", "RESOLVED")));
    }

    @Test
    void mitigateFromTriggeredThenAcknowledgeIs409() {
        long id = openIncident();
        transition(id, "mitigate", "carol").statusCode(200)
                .body("status", equalTo("MITIGATED"))
                .body("mitigatedAt", notNullValue());
        transition(id, "acknowledge", "carol").statusCode(409);
        transition(id, "resolve", "carol").statusCode(200).body("status", equalTo("RESOLVED"));
    }

    @Test
    void unknownIncidentIs404Problem() {
        long unknown = Long.MAX_VALUE - 7;
        given().when().get("/api/v1/incidents/{id}", unknown).then().statusCode(404)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                .body("status", equalTo(404));
        transition(unknown, "acknowledge", "alice").statusCode(404).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        transition(unknown, "resolve", null).statusCode(404).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
    }

    @Test
    void tooLongActorIs422() {
        long id = openIncident();
        // the body's actor is ignored, but still validated (older clients keep their 422)
        given().contentType(ContentType.JSON).body(Map.of("actor", "a".repeat(201))).when()
                .post("/api/v1/incidents/{id}/acknowledge", id).then().statusCode(422)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        given().when().get("/api/v1/incidents/{id}", id).then().body("status", equalTo("TRIGGERED"));
    }

    @Test
    void listFiltersByServiceAndStatusAndLimit() {
        long id = openIncident();
        String service = given().when().get("/api/v1/incidents/{id}", id).then().extract().path("service");

        given().queryParam("service", service).queryParam("status", "TRIGGERED").when().get("/api/v1/incidents")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo((int) id))
                .body("[0].timeline", nullValue());
        given().queryParam("service", service).queryParam("status", "RESOLVED").when().get("/api/v1/incidents")
                .then().statusCode(200).body("$", hasSize(0));
        given().queryParam("status", "TRIGGERED").queryParam("limit", 3).when().get("/api/v1/incidents")
                .then().statusCode(200).body("$.size()", lessThanOrEqualTo(3))
                .body("status", everyItem(equalTo("TRIGGERED")));

        given().queryParam("status", "OPEN").when().get("/api/v1/incidents").then().statusCode(400)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON)).body("status", equalTo(400));
        given().queryParam("limit", 0).when().get("/api/v1/incidents").then().statusCode(400)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON));
    }

    @Test
    void nonIntegerLimitIs400ProblemAndAHugeOneIsCapped() {
        for (String limit : java.util.List.of("abc", "1.5", "-3", "1e3")) {
            given().queryParam("limit", limit).when().get("/api/v1/incidents").then().statusCode(400)
                    .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                    .body("status", equalTo(400));
        }
        given().queryParam("limit", "99999999999999999999").when().get("/api/v1/incidents").then().statusCode(200)
                .body("$.size()", lessThanOrEqualTo(200));
    }
}
