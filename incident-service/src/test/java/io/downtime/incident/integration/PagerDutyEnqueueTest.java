package io.downtime.incident.integration;

import static io.downtime.incident.integration.Fixtures.action;
import static io.downtime.incident.integration.Fixtures.enqueue;
import static io.downtime.incident.integration.Fixtures.id;
import static io.downtime.incident.integration.Fixtures.incident;
import static io.downtime.incident.integration.Fixtures.incidents;
import static io.downtime.incident.integration.Fixtures.integration;
import static io.downtime.incident.integration.Fixtures.trigger;
import static io.downtime.incident.integration.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code POST /v2/enqueue}: PagerDuty Events API v2 semantics, PagerDuty-style 400s, the per-routing-key 429. */
@QuarkusTest
class PagerDutyEnqueueTest {

    @Test
    void integrationKeyIsShownOnceAndStoredHashed() {
        String service = unique("pd-svc");
        JsonPath created = integration("pagerduty", service);
        String key = created.getString("key");
        assertThat(key, matchesPattern("[0-9a-f]{32}"));
        long id = created.getLong("id");
        given().when().get("/api/v1/integrations/{id}", id).then().statusCode(200)
                .body("kind", equalTo("pagerduty"))
                .body("service", equalTo(service))
                .body("key", nullValue());
        given().when().get("/api/v1/integrations").then().statusCode(200)
                .body("find { it.id == " + id + " }.key", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(key)));
        // a pagerduty integration needs a service; names are unique
        given().contentType(ContentType.JSON).body(Map.of("name", unique("x"), "kind", "pagerduty"))
                .when().post("/api/v1/integrations").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("name", created.getString("name"), "kind", "alertmanager"))
                .when().post("/api/v1/integrations").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", unique("x"), "kind", "opsgenie"))
                .when().post("/api/v1/integrations").then().statusCode(422);
        // deleted: its key no longer works
        given().when().delete("/api/v1/integrations/{id}", id).then().statusCode(204);
        enqueue(trigger(key, "k", "disk full", "critical")).statusCode(400)
                .body("errors", hasItem("Invalid routing key"));
        given().when().get("/api/v1/integrations/{id}", id).then().statusCode(404);
    }

    @Test
    void triggerAcknowledgeResolveFollowPagerDutySemantics() {
        String service = unique("pd-svc");
        JsonPath created = integration("pagerduty", service);
        long integrationId = created.getLong("id");
        String name = created.getString("name");
        String routingKey = created.getString("key");

        // trigger without dedup_key: one is generated
        String generated = enqueue(trigger(routingKey, null, "disk full on db-1", "warning")).statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("success"))
                .body("message", equalTo("Event processed"))
                .body("dedup_key", matchesPattern("[0-9a-f]{32}"))
                .extract().path("dedup_key");
        assertThat(incidents(service), hasSize(1));

        // trigger with a dedup key opens a second incident; a repeated trigger adds to it
        String dedupKey = "db-1/disk";
        enqueue(trigger(routingKey, dedupKey, "disk full on db-1", "warning")).statusCode(202)
                .body("dedup_key", equalTo(dedupKey));
        enqueue(trigger(routingKey, dedupKey, "disk still full on db-1", "critical")).statusCode(202);
        List<Map<String, Object>> open = incidents(service);
        assertThat(open, hasSize(2));
        Map<String, Object> first = open.stream().filter(i -> i.get("dedupKey").toString().endsWith(":" + dedupKey))
                .findFirst().orElseThrow();
        assertThat(first.get("dedupKey"), is("pagerduty:" + integrationId + ":" + dedupKey));
        assertThat(first.get("status"), is("TRIGGERED"));
        assertThat(first.get("reason"), is("disk full on db-1"));
        long incidentId = id(first);
        assertThat(incident(incidentId).getList("timeline.type"), contains("TRIGGERED", "TRIGGER_ADDED"));
        assertThat(incident(incidentId).getString("timeline[1].detail"), containsString("severity warning -> critical"));
        assertThat(incident(incidentId).getString("timeline[1].detail"),
                containsString("custom_details {\"free_space\":\"1%\"}"));
        assertThat(incident(incidentId).getString("timeline[0].actor"), is("integration:" + name));

        // acknowledge; a second acknowledge is dropped (still 202)
        enqueue(action(routingKey, "acknowledge", dedupKey)).statusCode(202).body("dedup_key", equalTo(dedupKey));
        enqueue(action(routingKey, "acknowledge", dedupKey)).statusCode(202);
        assertThat(incident(incidentId).getString("status"), is("ACKNOWLEDGED"));
        assertThat(incident(incidentId).getList("timeline.type"), contains("TRIGGERED", "TRIGGER_ADDED",
                "ACKNOWLEDGED"));

        // a trigger on the acknowledged incident adds to it and leaves it acknowledged
        enqueue(trigger(routingKey, dedupKey, "disk full again", "critical")).statusCode(202);
        assertThat(incident(incidentId).getString("status"), is("ACKNOWLEDGED"));

        // resolve; resolve and acknowledge of a resolved or unknown key are dropped with 202
        enqueue(action(routingKey, "resolve", dedupKey)).statusCode(202);
        JsonPath resolved = incident(incidentId);
        assertThat(resolved.getString("status"), is("RESOLVED"));
        assertThat(resolved.getString("resolvedAt"), notNullValue());
        assertThat(resolved.getString("endedAt"), notNullValue());
        enqueue(action(routingKey, "resolve", dedupKey)).statusCode(202);
        enqueue(action(routingKey, "acknowledge", dedupKey)).statusCode(202);
        enqueue(action(routingKey, "resolve", "never-seen")).statusCode(202).body("dedup_key", equalTo("never-seen"));
        assertThat(incident(incidentId).getList("timeline.type"), contains("TRIGGERED", "TRIGGER_ADDED",
                "ACKNOWLEDGED", "TRIGGER_ADDED", "RESOLVED"));
        assertThat(incidents(service), hasSize(2));

        // trigger after resolve opens a new incident
        enqueue(trigger(routingKey, dedupKey, "disk full, third time", "error")).statusCode(202);
        List<Map<String, Object>> all = incidents(service);
        assertThat(all, hasSize(3));
        assertThat(all.stream().filter(i -> i.get("dedupKey").toString().endsWith(":" + dedupKey)).map(i -> i.get("status"))
                .toList(), containsInAnyOrder("RESOLVED", "TRIGGERED"));
        assertThat(all.stream().filter(i -> i.get("dedupKey").toString().endsWith(":" + generated)).toList(), hasSize(1));
    }

    @Test
    void invalidEventsGetPagerDutyStyle400AndChangeNothing() {
        String service = unique("pd-svc");
        String routingKey = integration("pagerduty", service).getString("key");

        given().contentType(ContentType.JSON).body("{\"routing_key\": ").when().post("/v2/enqueue").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("status", equalTo("invalid event"))
                .body("message", equalTo("Event object is invalid"))
                .body("errors[0]", startsWith("Malformed JSON"));
        given().contentType(ContentType.JSON).body("[1,2]").when().post("/v2/enqueue").then().statusCode(400)
                .body("errors", hasItem("Event object must be a JSON object"));
        given().when().post("/v2/enqueue").then().statusCode(400).body("status", equalTo("invalid event"));

        enqueue(Map.of("event_action", "trigger")).statusCode(400)
                .body("errors", hasItem("'routing_key' is missing or blank"))
                .body("errors", hasItem("'payload' is missing or not an object"));
        enqueue(action("short", "trigger", null)).statusCode(400)
                .body("errors", hasItem("Length of 'routing_key' is incorrect (should be 32 characters)"));
        enqueue(action(routingKey, "snooze", "k")).statusCode(400)
                .body("errors",
                        containsInAnyOrder("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)"));
        enqueue(action(routingKey, "resolve", null)).statusCode(400)
                .body("errors", containsInAnyOrder("'dedup_key' is missing or blank (required for resolve)"));
        enqueue(action(routingKey, "acknowledge", "x".repeat(256))).statusCode(400)
                .body("errors", hasItem("'dedup_key' is too long (must be at most 255 characters)"));
        enqueue(Map.of("routing_key", routingKey, "event_action", "trigger",
                "payload", Map.of("summary", "", "severity", "sev1", "timestamp", "yesterday"))).statusCode(400)
                .body("errors", containsInAnyOrder("'payload.summary' is missing or blank",
                        "'payload.source' is missing or blank",
                        "'payload.severity' is missing or invalid (must be one of: critical, error, warning, info)",
                        "'payload.timestamp' is not a valid ISO 8601 timestamp"));
        enqueue(trigger(routingKey, "k", "s".repeat(1025), "info")).statusCode(400)
                .body("errors", hasItem("'payload.summary' is too long (must be at most 1024 characters)"));
        enqueue(trigger(routingKey, "k", "nul \u0000 inside", "info")).statusCode(400)
                .body("errors", hasItem("'payload.summary' must not contain NUL characters"));
        enqueue(trigger("0123456789abcdef0123456789abcdef", "k", "disk", "info")).statusCode(400)
                .body("errors", containsInAnyOrder("Invalid routing key"));

        assertThat(incidents(service), empty());

        // PagerDuty's timestamp format with an offset without colon is accepted
        Map<String, Object> event = trigger(routingKey, "ts", "with timestamp", "info");
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) event.get("payload");
        payload.put("timestamp", "2015-07-17T08:42:58.315+0000");
        enqueue(event).statusCode(202);
        assertThat(incidents(service).get(0).get("startedAt"), is("2015-07-17T08:42:58.315Z"));
    }

    @Test
    void eachRoutingKeyIsRateLimitedWith429() {
        String service = unique("pd-svc");
        String limited = integration("pagerduty", service).getString("key");
        String other = integration("pagerduty", unique("pd-svc")).getString("key");
        // %test allows 30 events per minute per routing key
        for (int i = 0; i < 30; i++) {
            enqueue(action(limited, "acknowledge", "unknown-" + i)).statusCode(202);
        }
        enqueue(action(limited, "acknowledge", "one-too-many")).statusCode(429)
                .contentType(ContentType.JSON)
                .header("Retry-After", notNullValue())
                .body("status", equalTo("throttle event"))
                .body("message", not(emptyOrNullString()));
        enqueue(trigger(limited, "k", "disk", "info")).statusCode(429);
        assertThat(incidents(service), empty());
        // another routing key has its own bucket
        enqueue(action(other, "acknowledge", "unknown")).statusCode(202);
    }

    @Test
    void concurrentTriggersOfOneDedupKeyOpenOneIncident() throws Exception {
        String service = unique("pd-svc");
        String routingKey = integration("pagerduty", service).getString("key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String summary = "disk full #" + i;
                answers.add(pool.submit(() -> enqueue(trigger(routingKey, "same", summary, "error")).extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS), is(202));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> all = incidents(service);
        assertThat(all, hasSize(1));
        // one TRIGGERED, then every other trigger added to it
        List<String> types = incident(id(all.get(0))).getList("timeline.type");
        assertThat(types, hasSize(20));
        assertThat(types.get(0), is("TRIGGERED"));
        assertThat(types.subList(1, 20), everyItem(is("TRIGGER_ADDED")));
    }
}
