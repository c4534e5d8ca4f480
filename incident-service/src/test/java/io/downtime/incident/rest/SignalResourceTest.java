package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.post;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.downtime.common.problem.ProblemMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SignalResourceTest {

    @Inject
    Pool pool;

    @Test
    void sameSignalTwiceIsStoredOnceAndAnsweredAsDuplicate() {
        Map<String, Object> body = signal(unique("svc"), unique("tgt"), "eu", "DOWN", "head_stale", at(0));
        String id = (String) body.get("id");

        post(body).statusCode(202).contentType(ContentType.JSON)
                .body("id", equalTo(id)).body("duplicate", equalTo(false));
        post(body).statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(id)).body("duplicate", equalTo(true));

        assertEquals(1L, count(id));
        Row row = pool.preparedQuery("select evidence::text as evidence, applied from region_signal where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next();
        assertEquals(true, row.getBoolean("applied"));
        assertEquals(true, row.getString("evidence").contains("\"blockNumber\": 120"), row.getString("evidence"));
        // one incident only, despite the second delivery
        assertEquals(1, Signals.incidents((String) body.get("service")).size());
    }

    @Test
    void signalsCounterIsExported() {
        post(signal(unique("svc"), unique("tgt"), "eu", "UP", "ok", at(0))).statusCode(202);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("signals_received_total{duplicate=\"false\""))
                .body(containsString("incidents_opened_total"));
    }

    @Test
    void invalidFieldsAre422ProblemAndNothingIsStored() {
        String service = unique("svc");
        List<Map<String, Object>> bad = List.of(
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "region", " "),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "state", "BROKEN"),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "reason", null),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "observedAt", null),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "confirmedAt", null),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "evidence", List.of(1, 2)),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "target", "t".repeat(201)),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "id", null));
        List<String> fields = List.of("region", "state", "reason", "observedAt", "confirmedAt", "evidence", "target",
                "id");
        for (int i = 0; i < bad.size(); i++) {
            post(bad.get(i)).statusCode(422)
                    .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                    .body("status", equalTo(422))
                    .body("title", equalTo("Validation failed"))
                    .body("violations.field", hasItem(fields.get(i)));
            Object id = bad.get(i).get("id");
            if (id != null) {
                assertEquals(0L, count((String) id));
            }
        }
        assertEquals(0, Signals.incidents(service).size());
        assertEquals(0L, pool.preparedQuery("select count(*) from region_signal where service = $1")
                .execute(Tuple.of(service)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void inconsistentOrOutOfRangeTimesAre422ProblemAndNothingIsStored() {
        String service = unique("svc");
        Instant now = Instant.now();
        List<Map<String, Object>> bad = List.of(
                // observed after confirmed
                signal(service, unique("tgt"), "eu", "DOWN", "x", at(100), at(99)),
                // confirmed 10 minutes ahead of the server clock (allowed skew: 5 minutes)
                signal(service, unique("tgt"), "eu", "DOWN", "x", now, now.plus(Duration.ofMinutes(10))),
                // before 1970
                signal(service, unique("tgt"), "eu", "DOWN", "x", Instant.parse("1969-12-31T23:59:59Z"), at(0)),
                signal(service, unique("tgt"), "eu", "DOWN", "x", Instant.parse("0001-01-01T00:00:00Z"), at(0)),
                // after 9999
                signal(service, unique("tgt"), "eu", "DOWN", "x", at(0), Instant.parse("+10000-01-01T00:00:00Z")));
        List<String> fields = List.of("observedAt", "confirmedAt", "observedAt", "observedAt", "confirmedAt");
        for (int i = 0; i < bad.size(); i++) {
            post(bad.get(i)).statusCode(422)
                    .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                    .body("status", equalTo(422))
                    .body("violations.field", hasItem(fields.get(i)));
            assertEquals(0L, count((String) bad.get(i).get("id")));
        }
        assertEquals(0L, countByService(service));
        assertEquals(0, Signals.incidents(service).size());
    }

    @Test
    void timesWithinTheAllowedSkewAreAccepted() {
        Instant now = Instant.now();
        // a region clock one minute ahead; observed == confirmed is fine
        post(signal(unique("svc"), unique("tgt"), "eu", "UP", "ok", now.plusSeconds(60), now.plusSeconds(60)))
                .statusCode(202);
        post(signal(unique("svc"), unique("tgt"), "eu", "UP", "ok", Instant.EPOCH, Instant.EPOCH)).statusCode(202);
    }

    @Test
    void nulCharactersAnywhereAre422ProblemAndNothingIsStored() {
        String service = unique("svc");
        List<Map<String, Object>> bad = List.of(
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "region", "eu\u0000"),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "target", "\u0000"),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "targetId", "1\u00002"),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "kind", "http\u0000"),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "reason", "time\u0000out"),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "evidence",
                        Map.of("call", Map.of("results", List.of("ok", Map.of("value", "0x\u0000"))))),
                with(signal(service, unique("tgt"), "eu", "DOWN", "x", at(0)), "evidence",
                        Map.of("nested", Map.of("ke\u0000y", 1))));
        List<String> fields = List.of("region", "target", "targetId", "kind", "reason", "evidence", "evidence");
        for (int i = 0; i < bad.size(); i++) {
            post(bad.get(i)).statusCode(422)
                    .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                    .body("violations.field", hasItem(fields.get(i)));
            assertEquals(0L, count((String) bad.get(i).get("id")));
        }
        // the service name itself
        Map<String, Object> badService = signal(service + "\u0000", unique("tgt"), "eu", "DOWN", "x", at(0));
        post(badService).statusCode(422).body("violations.field", hasItem("service"));
        assertEquals(0L, count((String) badService.get("id")));
        assertEquals(0L, countByService(service));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().contentType(ContentType.JSON).body("{\"id\": ").when().post("/api/v1/signals").then()
                .statusCode(400)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON))
                .body("status", equalTo(400));
    }

    @Test
    void badUuidOrInstantIs400Problem() {
        Map<String, Object> badId = with(signal(unique("svc"), unique("tgt"), "eu", "DOWN", "x", at(0)), "id",
                "not-a-uuid");
        post(badId).statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON)).body("status", equalTo(400));

        Map<String, Object> badTime = signal(unique("svc"), unique("tgt"), "eu", "DOWN", "x", at(0));
        badTime.put("observedAt", "yesterday");
        post(badTime).statusCode(400).contentType(startsWith(ProblemMappers.PROBLEM_JSON));
        assertEquals(0L, count((String) badTime.get("id")));
    }

    @Test
    void missingBodyIs422Problem() {
        given().contentType(ContentType.JSON).when().post("/api/v1/signals").then()
                .statusCode(422)
                .contentType(startsWith(ProblemMappers.PROBLEM_JSON));
    }

    private long countByService(String service) {
        return pool.preparedQuery("select count(*) from region_signal where service = $1")
                .execute(Tuple.of(service)).await().indefinitely().iterator().next().getLong(0);
    }

    private long count(String id) {
        return pool.preparedQuery("select count(*) from region_signal where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getLong(0);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }
}
