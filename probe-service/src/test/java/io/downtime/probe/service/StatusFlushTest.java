package io.downtime.probe.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.downtime.probe.support.StandInIncidentResource;
import io.downtime.testsupport.Anvil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The status kept in memory between confirmed changes reaches {@code target_status} by the periodic flush, and a
 * rename (which resets the stored state) is not overridden by the in-memory copy of the old identity.
 */
@QuarkusTest
class StatusFlushTest {

    @Inject
    Pool pool;

    private static String body(String name) {
        return """
                {"name":"%s","service":"flush-svc","kind":"http","url":"http://127.0.0.1:%d/","intervalSeconds":1,
                 "timeoutMs":800,"failureThreshold":2,"successThreshold":2}""".formatted(name, Anvil.freePort());
    }

    private Row row(long id) {
        return pool.preparedQuery("select * from target_status where target_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private static List<Map<String, Object>> states(String target, String state) {
        return StandInIncidentResource.forTarget(target).stream().filter(s -> state.equals(s.get("state"))).toList();
    }

    @Test
    void lastProbeFieldsAreFlushedToTheStoredRowAfterTheConfirmedChange() {
        String name = "flush-" + UUID.randomUUID().toString().substring(0, 8);
        long id = given().contentType(ContentType.JSON).body(body(name)).post("/api/v1/targets").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "DOWN").isEmpty());
        // confirmed at once (with its signal); probes after it reach the row by the flush
        assertEquals("DOWN", row(id).getString("state"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> row(id).getOffsetDateTime("last_probe_at").toInstant()
                        .isAfter(row(id).getOffsetDateTime("confirmed_at").toInstant()));
        Row stored = row(id);
        assertEquals("DOWN", stored.getString("last_state"));
        assertEquals("connection_refused", stored.getString("last_reason"));
        assertEquals("connection_refused", stored.getString("reason"));
        given().get("/api/v1/targets/" + id + "/status").then().body("state", equalTo("DOWN"))
                .body("lastProbe.reason", equalTo("connection_refused"));
    }

    @Test
    void aRenamedTargetStartsFromUnknownAndIsConfirmedAgainUnderItsNewName() {
        String name = "rename-" + UUID.randomUUID().toString().substring(0, 8);
        long id = given().contentType(ContentType.JSON).body(body(name)).post("/api/v1/targets").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "DOWN").isEmpty());
        String renamed = name + "-b";
        given().contentType(ContentType.JSON).body(body(renamed)).put("/api/v1/targets/" + id).then().statusCode(200);
        // the old identity's outage ends, the new one is confirmed DOWN from scratch (not carried over)
        await().atMost(Duration.ofSeconds(20)).until(() -> !states(name, "UP").isEmpty());
        assertEquals("target_removed", states(name, "UP").get(0).get("reason"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !states(renamed, "DOWN").isEmpty());
        assertEquals(1, states(renamed, "DOWN").size());
        assertEquals("DOWN", row(id).getString("state"));
    }
}
