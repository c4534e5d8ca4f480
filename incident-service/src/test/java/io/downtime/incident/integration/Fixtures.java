package io.downtime.incident.integration;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Helpers shared by the integration tests: integrations, PagerDuty events, incident queries. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an integration; @return its JSON (with {@code key}) */
    public static JsonPath integration(String kind, String service) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique(kind));
        body.put("kind", kind);
        if (service != null) {
            body.put("service", service);
        }
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(201).extract().jsonPath();
    }

    public static ValidatableResponse enqueue(Object event) {
        return given().contentType(ContentType.JSON).body(event).when().post("/v2/enqueue").then();
    }

    public static Map<String, Object> trigger(String routingKey, String dedupKey, String summary, String severity) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("summary", summary);
        payload.put("source", "db-1.example");
        payload.put("severity", severity);
        payload.put("custom_details", Map.of("free_space", "1%"));
        Map<String, Object> event = new HashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", "trigger");
        if (dedupKey != null) {
            event.put("dedup_key", dedupKey);
        }
        event.put("payload", payload);
        return event;
    }

    public static Map<String, Object> action(String routingKey, String action, String dedupKey) {
        Map<String, Object> event = new HashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", action);
        if (dedupKey != null) {
            event.put("dedup_key", dedupKey);
        }
        return event;
    }

    /** @return the incidents of a service, newest first */
    public static List<Map<String, Object>> incidents(String service) {
        return given().queryParam("service", service).when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static JsonPath incident(long id) {
        return given().when().get("/api/v1/incidents/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    public static long id(Map<String, Object> incident) {
        return ((Number) incident.get("id")).longValue();
    }
}
