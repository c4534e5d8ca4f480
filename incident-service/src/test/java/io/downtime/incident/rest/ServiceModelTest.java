package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.component;
import static io.downtime.incident.rest.Signals.configure;
import static io.downtime.incident.rest.Signals.incident;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.instant;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.status;
import static io.downtime.incident.rest.Signals.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Services as reliability block diagrams (k of n components), dependencies and cascades, service CRUD. */
@QuarkusTest
class ServiceModelTest {

    @Test
    void componentIsDownOnlyBelowMinHealthy() {
        String service = unique("dex");
        String a = unique("rpc");
        String b = unique("rpc");
        String c = unique("rpc");
        String api = unique("api");
        configure(service, List.of(component("rpc", 2, a, b, c)), List.of());

        send(signal(service, a, "eu", "DOWN", "head_stale", at(10)));
        assertTrue(incidents(service).isEmpty(), "2 of 3 healthy is enough");
        JsonPath health = status(service);
        assertEquals("DEGRADED", health.getString("state"));
        assertEquals(2, health.getInt("components.find { it.name == 'rpc' }.healthy"));

        send(signal(service, b, "eu", "DOWN", "timeout", at(20)));
        long id = onlyIncidentId(service);
        // the component went down when its second target did
        assertEquals(at(20), instant(incident(id), "startedAt"));

        // a target outside every component is its own 1-of-1 component (foundation behaviour)
        send(signal(service, api, "eu", "UP", "ok", at(21)));
        send(signal(service, a, "eu", "UP", "ok", at(30)));
        JsonPath resolved = incident(id);
        assertEquals("RESOLVED", resolved.getString("status"));
        assertEquals(at(30), instant(resolved, "endedAt"));
        assertEquals(at(30), instant(outages(service), "[0].end"));

        send(signal(service, api, "eu", "DOWN", "status_mismatch", at(40)));
        assertEquals(2, incidents(service).size(), "an unlisted target alone takes the service down");
    }

    @Test
    void cascadeLinksToTheRootIncidentAndPagesNobody() {
        String chain = unique("l1");
        String bridge = unique("bridge");
        String dapp = unique("dapp");
        configure(chain, List.of(), List.of());
        configure(bridge, List.of(), List.of(chain));
        configure(dapp, List.of(), List.of(bridge));

        send(signal(chain, unique("node"), "eu", "DOWN", "chain_halted", at(0)));
        long root = onlyIncidentId(chain);
        JsonPath rootIncident = incident(root);
        assertEquals("CONSENSUS_DISRUPTION", rootIncident.getString("cause"));
        assertTrue(rootIncident.getBoolean("paged"));

        send(signal(bridge, unique("relayer"), "eu", "DOWN", "timeout", at(5)));
        send(signal(dapp, unique("web"), "eu", "DOWN", "status_mismatch", at(6)));

        for (String dependent : List.of(bridge, dapp)) {
            JsonPath linked = incident(onlyIncidentId(dependent));
            assertEquals(root, linked.getLong("rootIncidentId"), dependent);
            assertEquals("DEPENDENCY", linked.getString("cause"));
            assertFalse(linked.getBoolean("paged"));
            assertTrue(linked.<String> getList("timeline.type").contains("LINKED_TO_ROOT"));
            assertEquals("DEPENDENCY", outages(dependent).getString("[0].cause"));
        }
        long paged = given().queryParam("status", "TRIGGERED").when().get("/api/v1/incidents").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>> getList("$").stream()
                .filter(i -> List.of(chain, bridge, dapp).contains(i.get("service")) && Boolean.TRUE.equals(i.get("paged")))
                .count();
        assertEquals(1, paged, "one page for the cascade");
    }

    @Test
    void aRootThatGoesDownAfterItsDependentIsLinkedAfterwards() {
        String chain = unique("l1");
        String dapp = unique("dapp");
        configure(chain, List.of(), List.of());
        configure(dapp, List.of(), List.of(chain));

        // the dApp's HTTP check confirms first, the chain halt a moment later
        send(signal(dapp, unique("web"), "eu", "DOWN", "timeout", at(6)));
        long dependent = onlyIncidentId(dapp);
        assertNull(incident(dependent).get("rootIncidentId"));
        send(signal(chain, unique("node"), "eu", "DOWN", "chain_halted", at(0)));
        long root = onlyIncidentId(chain);

        JsonPath linked = incident(dependent);
        assertEquals(root, linked.getLong("rootIncidentId"));
        assertEquals("DEPENDENCY", linked.getString("cause"));
        assertTrue(linked.<String> getList("timeline.type").contains("LINKED_TO_ROOT"));
        assertEquals("DEPENDENCY", outages(dapp).getString("[0].cause"));
        assertNull(incident(root).get("rootIncidentId"));
    }

    @Test
    void dependencyCyclesAndBadComponentsAre422() {
        String a = unique("a");
        String b = unique("b");
        configure(a, List.of(), List.of());
        configure(b, List.of(), List.of(a));
        put(a, Map.of("dependsOn", List.of(b))).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("cycle"));
        put(a, Map.of("dependsOn", List.of(a))).statusCode(422);
        put(a, Map.of("dependsOn", List.of(unique("nope")))).statusCode(422);
        put(a, Map.of("components", List.of(component("x", 3, "t1", "t2")))).statusCode(422)
                .body("detail", containsString("minHealthy"));
        put(a, Map.of("components", List.of(component("x", 1, "t1"), component("y", 1, "t1")))).statusCode(422);
        put(a, Map.of("components", List.of(Map.of("name", "x", "minHealthy", 0, "targets", List.of("t"))))).statusCode(422);
        // nothing changed
        given().when().get("/api/v1/services/{s}", a).then().statusCode(200).body("dependsOn.size()",
                org.hamcrest.Matchers.is(0));

        // cannot delete while depended upon; then can
        given().when().delete("/api/v1/services/{s}", a).then().statusCode(409);
        given().when().delete("/api/v1/services/{s}", b).then().statusCode(204);
        given().when().delete("/api/v1/services/{s}", a).then().statusCode(204);
        given().when().delete("/api/v1/services/{s}", a).then().statusCode(404);
        given().when().get("/api/v1/services/{s}", unique("unknown")).then().statusCode(404);
    }

    @Test
    void createIsPostAndConflictsOnceConfigured() {
        String name = unique("svc");
        Map<String, Object> body = Map.of("name", name, "description", "DEX", "components",
                List.of(component("rpc", 1, "x", "y")));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/services").then().statusCode(201)
                .body("configured", org.hamcrest.Matchers.is(true))
                .body("components[0].minHealthy", org.hamcrest.Matchers.is(1));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/services").then().statusCode(409);
        assertTrue(given().when().get("/api/v1/services").then().statusCode(200).extract().jsonPath()
                .<String> getList("name").contains(name));
        assertNull(given().when().get("/api/v1/services/{s}", name).then().extract().jsonPath().get("dependsOn[0]"));
    }

    private static io.restassured.response.ValidatableResponse put(String service, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().put("/api/v1/services/{s}", service).then();
    }
}
