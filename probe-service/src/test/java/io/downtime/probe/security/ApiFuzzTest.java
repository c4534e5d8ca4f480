package io.downtime.probe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.downtime.testsupport.ApiFuzzer;
import io.downtime.testsupport.DbSnapshot;
import io.downtime.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Hostile input (issue 7): thousands of malformed, oversized, wrongly typed and injection-laden requests against every
 * operation of probe-service's OpenAPI document (except the test's stand-in for incident-service), with an all-roles
 * token. Every answer is a 4xx problem+json and no
 * table changes (row counts and checksums, before and after). Seeded: the report prints the seed, {@code -Dfuzz.seed=N} replays
 * a run.
 */
@QuarkusTest
@TestProfile(ApiFuzzTest.Isolated.class)
class ApiFuzzTest {

    /**
     * An application of its own: it starts on a freshly cleaned database (Flyway clean-at-start), so no target, webhook
     * or delivery left by another test class changes a table while the fuzzer runs.
     */
    public static class Isolated implements QuarkusTestProfile {
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesHostileInputWithProblemJsonAndChangesNothing() {
        Map<String, String> before = snapshot();
        ApiFuzzer.Result result = ApiFuzzer.builder(base).token(Tokens.all()).exclude("/test-incident").build().run();
        System.out.println(result.report());
        assertTrue(result.failures().isEmpty(), result.report());
        assertTrue(result.requests() >= 1000, "too few requests: " + result.requests());
        assertEquals(before, snapshot(), "the fuzzed requests changed the database; " + result.report());
    }

    private static Map<String, String> snapshot() {
        var config = ConfigProvider.getConfig();
        return DbSnapshot.take(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
