package io.downtime.incident.notify;

import static io.downtime.incident.integration.Fixtures.action;
import static io.downtime.incident.integration.Fixtures.enqueue;
import static io.downtime.incident.integration.Fixtures.incidents;
import static io.downtime.incident.integration.Fixtures.integration;
import static io.downtime.incident.integration.Fixtures.trigger;
import static io.downtime.incident.integration.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.downtime.incident.notify.WebhookReceiver.Received;
import io.downtime.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Outgoing webhooks against a real HTTP receiver (Vert.x, loopback): every incident change is delivered signed, the
 * delivery log tells what happened, and nothing is lost while the receiver is down.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String SECRET = "test-secret-0123456789abcdef";

    @Inject
    Vertx vertx;

    private static JsonPath subscribe(String url, String service, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("service", service);
        if (secret != null) {
            body.put("secret", secret);
        }
        body.put("description", "test receiver");
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
    }

    private static List<Map<String, Object>> deliveries(long webhookId) {
        return given().when().get("/api/v1/webhooks/{id}/deliveries", webhookId).then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private static long open(String service, String routingKey, String dedupKey) {
        enqueue(trigger(routingKey, dedupKey, "disk full", "warning")).statusCode(202);
        return incidents(service).stream().filter(i -> i.get("dedupKey").toString().endsWith(":" + dedupKey))
                .map(i -> ((Number) i.get("id")).longValue()).findFirst().orElseThrow();
    }

    @Test
    void everyIncidentChangeIsDeliveredSignedAndLogged() throws Exception {
        String service = unique("wh-svc");
        String other = unique("wh-other");
        String routingKey = integration("pagerduty", service).getString("key");
        String otherKey = integration("pagerduty", other).getString("key");
        try (WebhookReceiver receiver = WebhookReceiver.start(vertx, 0)) {
            JsonPath subscription = subscribe("http://127.0.0.1:" + receiver.port() + "/hooks/downtime?source=test",
                    service, SECRET);
            long webhookId = subscription.getLong("id");
            assertThat(subscription.getMap("$"), not(hasKey("secret")));

            long incidentId = open(service, routingKey, "disk");
            enqueue(action(routingKey, "acknowledge", "disk")).statusCode(202);
            // a refused transition (409) writes nothing, so it notifies nothing
            given().when().post("/api/v1/incidents/{id}/acknowledge", incidentId).then().statusCode(409);
            given().header("Authorization", "Bearer " + Tokens.forRoles("alice", Set.of("responder")))
                    .contentType(ContentType.JSON).body(Map.of("note", "failover done"))
                    .when().post("/api/v1/incidents/{id}/mitigate", incidentId).then().statusCode(200);
            // another service's incident is not for this subscription
            enqueue(trigger(otherKey, "x", "elsewhere", "info")).statusCode(202);
            enqueue(action(routingKey, "resolve", "disk")).statusCode(202);
            // an incident opened by probe signals notifies as well
            given().contentType(ContentType.JSON).body(signal(service, "DOWN")).when().post("/api/v1/signals").then()
                    .statusCode(202);

            await().atMost(WebhookReceiver.patience()).until(() -> receiver.accepted().size() >= 5);
            List<Received> got = receiver.accepted();
            assertThat(got, hasSize(5));
            for (Received r : got) {
                assertThat("signature of " + r.body(), r.signedWith(SECRET), is(true));
                assertThat(r.signedWith("another-secret-0123456789"), is(false));
                JsonObject event = r.json();
                assertThat(r.eventType(), equalTo(event.getString("type")));
                assertThat(r.eventId(), equalTo(String.valueOf(event.getLong("id"))));
                assertThat(r.delivery(), notNullValue());
                assertThat(event.getJsonObject("incident").getString("service"), equalTo(service));
            }
            Map<String, JsonObject> byType = got.stream().map(Received::json)
                    .filter(e -> e.getJsonObject("incident").getLong("id") == incidentId)
                    .collect(Collectors.toMap(e -> e.getString("type"), e -> e));
            assertThat(byType.keySet(), containsInAnyOrder("incident.triggered", "incident.acknowledged",
                    "incident.mitigated", "incident.resolved"));
            // each event shows the incident as its change left it
            assertThat(byType.get("incident.triggered").getJsonObject("incident").getString("status"), is("TRIGGERED"));
            assertThat(byType.get("incident.triggered").getJsonObject("incident").getString("severity"), is("warning"));
            assertThat(byType.get("incident.acknowledged").getJsonObject("incident").getString("status"), is("ACKNOWLEDGED"));
            assertThat(byType.get("incident.acknowledged").getJsonObject("incident").getString("acknowledgedAt"),
                    notNullValue());
            assertThat(byType.get("incident.mitigated").getJsonObject("incident").getString("status"), is("MITIGATED"));
            assertThat(byType.get("incident.mitigated").getString("actor"), is("alice"));
            assertThat(byType.get("incident.mitigated").getString("detail"), containsString("failover done"));
            assertThat(byType.get("incident.resolved").getJsonObject("incident").getString("status"), is("RESOLVED"));
            assertThat(byType.get("incident.resolved").getJsonObject("incident").getString("resolvedAt"), notNullValue());
            assertThat(byType.get("incident.triggered").getJsonObject("incident").getString("dedupKey"),
                    startsWith("pagerduty:"));
            Instant.parse(byType.get("incident.resolved").getString("occurredAt"));
            JsonObject probeEvent = got.stream().map(Received::json)
                    .filter(e -> e.getJsonObject("incident").getLong("id") != incidentId).findFirst().orElseThrow();
            assertThat(probeEvent.getString("type"), is("incident.triggered"));
            assertThat(probeEvent.getJsonObject("incident").getString("dedupKey"), is("service:" + service));

            await().atMost(WebhookReceiver.patience()).untilAsserted(() -> {
                List<Map<String, Object>> log = deliveries(webhookId);
                assertThat(log, hasSize(5));
                assertThat(log.stream().map(d -> d.get("status")).toList(), everyItem(is("DELIVERED")));
                assertThat(log.stream().map(d -> d.get("lastStatusCode")).toList(), everyItem(is(200)));
                assertThat(log.stream().map(d -> d.get("attempts")).toList(), everyItem(is(1)));
            });
            given().when().get("/api/v1/webhooks/{id}/deliveries?status=pending", webhookId).then().statusCode(200)
                    .body("$", hasSize(0));
            given().when().get("/api/v1/webhooks/{id}", webhookId).then().statusCode(200)
                    .body("$", not(hasKey("secret")))
                    .body("service", is(service));
            given().when().get("/api/v1/webhooks").then().statusCode(200)
                    .body(not(containsString(SECRET)));
            given().when().delete("/api/v1/webhooks/{id}", webhookId).then().statusCode(204);
        }
    }

    @Test
    void anIncidentThatPagesNobodyNotifiesNobody() throws Exception {
        String service = unique("wh-maint");
        String routingKey = integration("pagerduty", service).getString("key");
        try (WebhookReceiver receiver = WebhookReceiver.start(vertx, 0)) {
            long webhookId = subscribe("http://127.0.0.1:" + receiver.port() + "/hook", service, SECRET).getLong("id");
            // the signal's outage starts 30 s ago, inside this window: its incident pages nobody
            given().contentType(ContentType.JSON)
                    .body(Map.of("service", service, "title", "node upgrade", "startsAt",
                            Instant.now().minusSeconds(600).toString(), "endsAt", Instant.now().plusSeconds(600).toString()))
                    .when().post("/api/v1/maintenance-windows").then().statusCode(201);
            given().contentType(ContentType.JSON).body(signal(service, "DOWN")).when().post("/api/v1/signals").then()
                    .statusCode(202);
            Map<String, Object> maintenance = incidents(service).stream()
                    .filter(i -> i.get("dedupKey").toString().equals("service:" + service)).findFirst().orElseThrow();
            assertThat(maintenance.get("paged"), is(false));
            // deliveries are written in the transaction of the change: had the signal's incident notified, its row
            // would exist now, before the paged incident below
            open(service, routingKey, "paged");

            await().atMost(WebhookReceiver.patience()).until(() -> !receiver.accepted().isEmpty());
            List<Map<String, Object>> log = deliveries(webhookId);
            assertThat(log, hasSize(1));
            assertThat(log.get(0).get("eventType"), is("incident.triggered"));
            assertThat(receiver.accepted().get(0).json().getJsonObject("incident").getString("dedupKey"),
                    startsWith("pagerduty:"));
        }
    }

    @Test
    void deliveriesWaitWhileTheReceiverIsDownAndAreSentWhenItIsBack() throws Exception {
        String service = unique("wh-svc");
        String routingKey = integration("pagerduty", service).getString("key");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long webhookId = subscribe("http://127.0.0.1:" + port + "/hook", service, SECRET).getLong("id");
        long incidentId = open(service, routingKey, "down-receiver");
        enqueue(action(routingKey, "resolve", "down-receiver")).statusCode(202);

        // nobody listens: attempts fail and are retried, nothing is dropped
        await().atMost(WebhookReceiver.patience()).untilAsserted(() -> {
            List<Map<String, Object>> log = deliveries(webhookId);
            assertThat(log, hasSize(2));
            assertThat(log.stream().map(d -> d.get("status")).toList(), everyItem(is("PENDING")));
            assertThat(log.stream().map(d -> (Integer) d.get("attempts")).toList(), everyItem(greaterThanOrEqualTo(2)));
            assertThat(log.stream().map(d -> (String) d.get("lastError")).toList(), everyItem(notNullValue()));
        });

        try (WebhookReceiver receiver = WebhookReceiver.start(vertx, port)) {
            // up, but failing: still retried, the status is logged
            receiver.answerWith(503);
            await().atMost(WebhookReceiver.patience()).untilAsserted(() -> assertThat(
                    deliveries(webhookId).stream().map(d -> d.get("lastStatusCode")).toList(), everyItem(is(503))));
            assertThat(deliveries(webhookId).get(0).get("lastError").toString(), containsString("receiver says no"));

            receiver.answerWith(200);
            await().atMost(WebhookReceiver.patience()).untilAsserted(() -> {
                List<Map<String, Object>> log = deliveries(webhookId);
                assertThat(log.stream().map(d -> d.get("status")).toList(), everyItem(is("DELIVERED")));
            });
            Set<String> types = receiver.accepted().stream().map(Received::eventType).collect(Collectors.toSet());
            assertThat(types, containsInAnyOrder("incident.triggered", "incident.resolved"));
            assertThat(receiver.accepted().stream().allMatch(r -> r.signedWith(SECRET)
                    && r.json().getJsonObject("incident").getLong("id") == incidentId), is(true));

            // a delivered event can be sent again on request
            long first = ((Number) deliveries(webhookId).get(0).get("id")).longValue();
            int before = receiver.accepted().size();
            given().when().post("/api/v1/webhooks/{id}/deliveries/{d}/redeliver", webhookId, first).then()
                    .statusCode(200).body("status", is("PENDING"));
            await().atMost(WebhookReceiver.patience()).until(() -> receiver.accepted().size() > before);
            given().when().post("/api/v1/webhooks/{id}/deliveries/{d}/redeliver", webhookId, 999999999).then()
                    .statusCode(404);
        } finally {
            given().when().delete("/api/v1/webhooks/{id}", webhookId).then().statusCode(204);
        }
    }

    @Test
    void subscriptionsAreValidatedAndGuardedAgainstSsrf() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x",
                "http://[::ffff:169.254.169.254]/x", "http://100.100.100.200/", "http://metadata.google.internal/x",
                "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/x", "not a url", "/relative")) {
            given().contentType(ContentType.JSON).body(Map.of("url", url)).when().post("/api/v1/webhooks").then()
                    .statusCode(422).contentType(startsWith("application/problem+json"))
                    .body("detail", startsWith("url"));
        }
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:1/x", "secret", "short")).when()
                .post("/api/v1/webhooks").then().statusCode(422).body("violations[0].field", is("secret"));
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/webhooks").then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"url\":").when().post("/api/v1/webhooks").then().statusCode(400);

        // no secret given: one is generated and shown once
        JsonPath created = subscribe("http://127.0.0.1:1/x", unique("wh-svc"), null);
        long id = created.getLong("id");
        String generated = created.getString("secret");
        assertThat(generated, startsWith("whsec_"));
        given().when().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("$", not(hasKey("secret")));
        given().contentType(ContentType.JSON).body(Map.of("url", "http://[::1]:1/y", "active", false)).when()
                .put("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("url", is("http://[::1]:1/y")).body("active", is(false)).body("$", not(hasKey("secret")));
        given().contentType(ContentType.JSON).body(Map.of("url", "http://169.254.169.254/")).when()
                .put("/api/v1/webhooks/{id}", id).then().statusCode(422);
        given().when().get("/api/v1/webhooks/{id}/deliveries?status=lost", id).then().statusCode(400);
        given().when().get("/api/v1/webhooks/{id}/deliveries?limit=0", id).then().statusCode(400);
        given().when().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        given().when().get("/api/v1/webhooks/{id}", id).then().statusCode(404);
        given().when().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);
    }

    @Inject
    WebhookRelay relay;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void oldDeliveredAndFailedDeliveriesArePrunedPendingOnesKept() throws Exception {
        String service = unique("wh-svc");
        String routingKey = integration("pagerduty", service).getString("key");
        try (WebhookReceiver receiver = WebhookReceiver.start(vertx, 0)) {
            long webhookId = subscribe("http://127.0.0.1:" + receiver.port() + "/h", service, SECRET).getLong("id");
            open(service, routingKey, "old");
            enqueue(action(routingKey, "acknowledge", "old")).statusCode(202);
            await().atMost(WebhookReceiver.patience()).untilAsserted(() -> assertThat(
                    deliveries(webhookId).stream().map(d -> d.get("status")).toList(), everyItem(is("DELIVERED"))));
            List<Map<String, Object>> log = deliveries(webhookId);
            assertThat(log, hasSize(2));
            long kept = ((Number) log.get(0).get("id")).longValue();
            long pruned = ((Number) log.get(1).get("id")).longValue();
            // both 60 days old; the newer one made pending again (as if still being retried)
            pool.query("update webhook_delivery set created_at = now() - interval '60 days' where id in (" + kept + ", "
                    + pruned + ")").execute().await().atMost(java.time.Duration.ofSeconds(30));
            pool.query("update webhook_delivery set status = 'PENDING', next_attempt_at = now() + interval '1 day' where id = "
                    + kept).execute().await().atMost(java.time.Duration.ofSeconds(30));
            relay.prune().await().atMost(java.time.Duration.ofSeconds(30));
            assertThat(deliveries(webhookId).stream().map(d -> ((Number) d.get("id")).longValue()).toList(),
                    containsInAnyOrder(kept));
            given().when().delete("/api/v1/webhooks/{id}", webhookId).then().statusCode(204);
        }
    }

    private static Map<String, Object> signal(String service, String state) {
        Instant observed = Instant.now().minusSeconds(30);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("region", "eu");
        body.put("target", unique("tgt"));
        body.put("service", service);
        body.put("kind", "http");
        body.put("state", state);
        body.put("reason", "timeout");
        body.put("observedAt", observed.toString());
        body.put("confirmedAt", observed.plusSeconds(5).toString());
        return body;
    }
}
