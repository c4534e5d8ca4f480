package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.downtime.sla.config.AnchorConfig;
import io.downtime.sla.report.CanonicalJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Verifiable reports against a real Anvil ({@link AnvilResource}), with outages from {@link FakeIncidentService}.
 * Ordered: the last test stops the chain.
 */
@QuarkusTest
@TestProfile(AnchorResourceTest.OnAnvil.class)
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnchorResourceTest {

    /** Anchoring configured against the Anvil of {@link AnvilResource}. */
    public static class OnAnvil implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnvilResource.class));
        }
    }

    static final String FROM = SlaReportTest.FROM;
    static final String TO = SlaReportTest.TO;
    static final String HEX32 = "^0x[0-9a-f]{64}$";

    /** An anchor made by the first test, verified again after the chain restarts. */
    static String anchoredService;
    static long anchoredId;

    @Inject
    AnchorConfig config;

    static ValidatableResponse anchor(String service, String from, String to) {
        return given().queryParam("from", from).queryParam("to", to)
                .when().post("/api/v1/slas/" + service + "/reports/anchor")
                .then();
    }

    static String anchors(String service) {
        return "/api/v1/slas/" + service + "/reports/anchors";
    }

    static String nonce() {
        return JsonPath.from(AnvilResource.anvil.rpc("eth_getTransactionCount",
                "[\"" + AnvilResource.DEV_ADDRESS + "\",\"pending\"]")).getString("result");
    }

    @Test
    @Order(1)
    void anchorThenVerifyThenChangedOutagesFailTheDigestCheck() {
        String service = SlaReportTest.serviceWith(SlaReportTest.SLA,
                SlaReportTest.outage("2026-01-10T00:00:00Z", "2026-01-10T00:30:00Z"));

        JsonPath anchor = anchor(service, FROM, TO)
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/slas/" + service + "/reports/anchors/\\d+$"))
                .body("service", equalTo(service))
                .body("from", equalTo(FROM))
                .body("to", equalTo(TO))
                .body("digest", matchesPattern(HEX32))
                .body("transactionHash", matchesPattern(HEX32))
                .body("blockHash", matchesPattern(HEX32))
                .body("blockNumber", greaterThan(0))
                .body("chainId", equalTo(31337))
                .body("sender", equalTo(AnvilResource.DEV_ADDRESS))
                .body("recipient", equalTo(AnvilResource.DEV_ADDRESS))
                .body("canonicalReport", containsString("\"downtimeSeconds\":1800,"))
                .body("canonicalReport", not(containsString("\"open\"")))
                .body("canonicalReport", not(containsString(" ")))
                .extract().jsonPath();
        long id = anchor.getLong("id");
        String digest = anchor.getString("digest");
        String tx = anchor.getString("transactionHash");
        // anyone can check the digest without this service ...
        assertEquals(digest, CanonicalJson.sha256(anchor.getString("canonicalReport")));
        // ... and find it on chain
        JsonPath onChain = JsonPath.from(AnvilResource.anvil.rpc("eth_getTransactionByHash", "[\"" + tx + "\"]"));
        assertEquals(digest, onChain.getString("result.input"));
        assertEquals(AnvilResource.DEV_ADDRESS, onChain.getString("result.from"));

        given().when().get(anchors(service) + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("digest", equalTo(digest))
                .body("transactionHash", equalTo(tx))
                .body("canonicalReport", equalTo(anchor.getString("canonicalReport")));
        given().when().get(anchors(service))
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo((int) id));

        given().when().get(anchors(service) + "/" + id + "/verify")
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("verified", equalTo(true))
                .body("digest", equalTo(digest))
                .body("recomputedDigest", equalTo(digest))
                .body("checks.reportDigest.ok", equalTo(true))
                .body("checks.transaction.ok", equalTo(true))
                .body("checks.transactionData.ok", equalTo(true))
                .body("checks.transactionData.actual", equalTo(digest))
                .body("checks.sender.ok", equalTo(true))
                .body("checks.chainId.ok", equalTo(true))
                .body("checks.blockNumber.ok", equalTo(true))
                .body("checks.blockHash.ok", equalTo(true));

        // incident-service now reports the outage 15 minutes longer: the report is no longer the anchored one
        FakeIncidentService.OUTAGES.put(service,
                List.of(SlaReportTest.outage("2026-01-10T00:00:00Z", "2026-01-10T00:45:00Z")));
        String recomputed = given().when().get(anchors(service) + "/" + id + "/verify")
                .then().statusCode(200)
                .body("verified", equalTo(false))
                .body("digest", equalTo(digest))
                .body("checks.reportDigest.ok", equalTo(false))
                .body("checks.reportDigest.expected", equalTo(digest))
                .body("checks.transactionData.ok", equalTo(true))
                .body("checks.blockNumber.ok", equalTo(true))
                .extract().path("recomputedDigest");
        assertNotEquals(digest, recomputed);

        // the original data verifies again: the canonical form is deterministic
        FakeIncidentService.OUTAGES.put(service,
                List.of(SlaReportTest.outage("2026-01-10T00:00:00Z", "2026-01-10T00:30:00Z")));
        given().when().get(anchors(service) + "/" + id + "/verify")
                .then().statusCode(200)
                .body("verified", equalTo(true));

        anchoredService = service;
        anchoredId = id;
    }

    @Test
    @Order(2)
    void anOutageOpenWhenAnchoredStillVerifiesAfterItEnds() {
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = start.plus(30, ChronoUnit.MINUTES);
        String service = SlaReportTest.serviceWith(SlaReportTest.SLA,
                new FakeIncidentService.FakeOutage(start, null, "head_stale"));
        long id = anchor(service, start.minus(1, ChronoUnit.HOURS).toString(), to.toString())
                .statusCode(201)
                .extract().jsonPath().getLong("id");

        FakeIncidentService.OUTAGES.put(service,
                List.of(new FakeIncidentService.FakeOutage(start, Instant.now(), "head_stale")));
        given().when().get(anchors(service) + "/" + id + "/verify")
                .then().statusCode(200)
                .body("verified", equalTo(true));
    }

    @Test
    @Order(3)
    void unknownAnchorsAre404() {
        given().when().get(anchors("svc-" + UUID.randomUUID()) + "/987654321")
                .then().statusCode(404)
                .contentType(SlaResourceTest.PROBLEM)
                .body("detail", containsString("no anchor 987654321"));
        given().when().get(anchors("svc-" + UUID.randomUUID()) + "/987654321/verify")
                .then().statusCode(404)
                .contentType(SlaResourceTest.PROBLEM);
        // an anchor is only found under its own service
        given().when().get(anchors("svc-" + UUID.randomUUID()) + "/" + anchoredId)
                .then().statusCode(404);
        given().when().get(anchors(anchoredService) + "/not-a-number")
                .then().statusCode(404);
        given().when().get(anchors("svc-" + UUID.randomUUID()))
                .then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    @Order(4)
    void badInputSendsAndStoresNothing() {
        String service = SlaReportTest.serviceWith(SlaReportTest.SLA);
        String boom = SlaReportTest.serviceWith("boom-", SlaReportTest.SLA);
        String before = nonce();

        anchor(service, "yesterday", TO).statusCode(400).contentType(SlaResourceTest.PROBLEM)
                .body("detail", containsString("from: 'yesterday' is not an ISO-8601 instant"));
        anchor(service, TO, FROM).statusCode(400).contentType(SlaResourceTest.PROBLEM);
        anchor(service, FROM, "2999-01-01T00:00:00Z").statusCode(422).contentType(SlaResourceTest.PROBLEM)
                .body("status", equalTo(422))
                .body("detail", containsString("in the future"));
        anchor("svc-" + UUID.randomUUID(), FROM, TO).statusCode(404).contentType(SlaResourceTest.PROBLEM);
        anchor(boom, FROM, TO).statusCode(503).contentType(SlaResourceTest.PROBLEM)
                .body("detail", containsString("incident-service is unavailable"));

        assertEquals(before, nonce(), "no transaction was sent");
        given().when().get(anchors(service)).then().statusCode(200).body("", hasSize(0));
        given().when().get(anchors(boom)).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @Order(5)
    void theKeyIsMaskedInTheConfiguration() {
        String key = AnvilResource.DEV_KEY.substring(2);
        assertFalse(config.toString().contains(key), config.toString());
        assertFalse(config.toString().contains(AnvilResource.anvil.url()), config.toString());
        assertTrue(config.privateKey().isPresent());
    }

    @Test
    @Order(10)
    void rpcFailureIs503AndStoresNothingAndAResetChainFailsVerification() {
        String service = SlaReportTest.serviceWith(SlaReportTest.SLA);
        AnvilResource.anvil.kill();
        try {
            anchor(service, FROM, TO).statusCode(503).contentType(SlaResourceTest.PROBLEM)
                    .body("status", equalTo(503))
                    .body("detail", containsString("EVM RPC endpoint is unreachable"))
                    .body("detail", containsString("nothing was stored"))
                    .body("detail", not(containsString(AnvilResource.anvil.url())));
            given().when().get(anchors(service)).then().statusCode(200).body("", hasSize(0));
            given().when().get(anchors(anchoredService) + "/" + anchoredId + "/verify")
                    .then().statusCode(503).contentType(SlaResourceTest.PROBLEM)
                    .body("detail", containsString("cannot be verified"));
        } finally {
            AnvilResource.anvil.restart();
        }
        // a fresh chain from genesis does not know the transaction: the anchor no longer verifies
        given().when().get(anchors(anchoredService) + "/" + anchoredId + "/verify")
                .then().statusCode(200)
                .body("verified", equalTo(false))
                .body("checks.reportDigest.ok", equalTo(true))
                .body("checks.transaction.ok", equalTo(false))
                .body("checks.transaction.actual", equalTo(null))
                .body("checks.blockNumber.ok", equalTo(false));
        // and anchoring works again
        anchor(service, FROM, TO).statusCode(201).header("Location", containsString("/reports/anchors/"));
    }
}
