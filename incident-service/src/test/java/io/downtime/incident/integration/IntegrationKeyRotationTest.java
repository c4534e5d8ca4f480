package io.downtime.incident.integration;

import static io.downtime.incident.integration.Fixtures.enqueue;
import static io.downtime.incident.integration.Fixtures.integration;
import static io.downtime.incident.integration.Fixtures.trigger;
import static io.downtime.incident.integration.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Integration keys are rotatable: a new key works alongside the old one until the old one is revoked; a revoked key no
 * longer authenticates; keys are never shown again after their creation.
 */
@QuarkusTest
class IntegrationKeyRotationTest {

    @Test
    void aNewKeyWorksAlongsideTheOldUntilTheOldIsRevoked() {
        String service = unique("rot-svc");
        JsonPath created = integration("pagerduty", service);
        long id = created.getLong("id");
        String oldKey = created.getString("key");

        JsonPath added = given().when().post("/api/v1/integrations/{id}/keys", id).then().statusCode(201)
                .header("Location", containsString("/api/v1/integrations/" + id + "/keys/"))
                .body("key", matchesPattern("[0-9a-f]{32}")).body("createdAt", notNullValue())
                .extract().jsonPath();
        String newKey = added.getString("key");
        long newKeyId = added.getLong("id");

        enqueue(trigger(oldKey, "a", "old key still works", "error")).statusCode(202);
        enqueue(trigger(newKey, "b", "new key works", "error")).statusCode(202);

        given().when().get("/api/v1/integrations/{id}/keys", id).then().statusCode(200)
                .body("$", hasSize(2)).body("key", everyItem(nullValue())).body("[0].revokedAt", nullValue())
                .body(org.hamcrest.Matchers.not(containsString(oldKey)))
                .body(org.hamcrest.Matchers.not(containsString(newKey)));
        long oldKeyId = given().when().get("/api/v1/integrations/{id}/keys", id).then().extract().jsonPath()
                .getLong("[0].id");

        given().when().delete("/api/v1/integrations/{id}/keys/{k}", id, oldKeyId).then().statusCode(200)
                .body("revokedAt", notNullValue());
        enqueue(trigger(oldKey, "c", "revoked", "error")).statusCode(400)
                .body("status", is("invalid event"));
        enqueue(trigger(newKey, "d", "still fine", "error")).statusCode(202);

        // revoking again changes nothing; unknown keys and integrations are 404
        given().when().delete("/api/v1/integrations/{id}/keys/{k}", id, oldKeyId).then().statusCode(200);
        given().when().delete("/api/v1/integrations/{id}/keys/{k}", id, 987654321).then().statusCode(404);
        given().when().post("/api/v1/integrations/{id}/keys", 987654321).then().statusCode(404);
        // a key of another integration is not this integration's key
        long otherId = integration("pagerduty", service).getLong("id");
        given().when().delete("/api/v1/integrations/{id}/keys/{k}", otherId, newKeyId).then().statusCode(404);
    }
}
