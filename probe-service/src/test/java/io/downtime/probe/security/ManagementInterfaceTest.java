package io.downtime.probe.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.downtime.testsupport.Anvil;
import io.downtime.testsupport.WithoutDefaultToken;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the management interface on, as in production: health and metrics answer there without a token and are not
 * served on the API port.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.Management.class)
@WithoutDefaultToken
class ManagementInterfaceTest {

    public static class Management implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true", "quarkus.management.test-port",
                    Integer.toString(Anvil.freePort()));
        }
    }

    @Test
    void healthAndMetricsOnlyOnTheManagementPort() {
        String management = "http://localhost:"
                + ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().get(management + "/q/health/ready").then().statusCode(200);
        given().get(management + "/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
