package io.downtime.probe.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;

import io.downtime.probe.support.Solidity;
import io.downtime.probe.support.StandInIncidentResource;
import io.downtime.testsupport.Anvil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A DeFi protocol halting itself: a Pausable contract (Solidity, compiled offline with solcjs) deployed to a real
 * Anvil; {@code pause()} turns the evm-contract target DOWN {@code contract_paused}, {@code unpause()} UP again.
 */
@QuarkusTest
class ContractPausedSignalTest {

    private static List<Map<String, Object>> states(String target, String state) {
        return StandInIncidentResource.forTarget(target).stream().filter(s -> state.equals(s.get("state"))).toList();
    }

    @Test
    void pauseIsDownContractPausedAndUnpauseIsUp() {
        String name = "dex-router-" + UUID.randomUUID().toString().substring(0, 8);
        try (Anvil anvil = Anvil.start()) {
            Solidity chain = new Solidity(anvil.url());
            String contract = chain.deploy(Solidity.compile("Pausable"), List.of(new Uint256(BigInteger.TEN)));
            long id = given().contentType(ContentType.JSON).body("""
                    {"name":"%s","service":"demo-dex","kind":"evm-contract","url":"%s",
                     "intervalSeconds":1,"timeoutMs":800,"failureThreshold":2,"successThreshold":2,"evm":{"chainId":31337},
                     "contract":{"address":"%s","calls":[{"function":"paused()","returns":"bool","expect":"false"}]}}"""
                    .formatted(name, anvil.url(), contract))
                    .post("/api/v1/targets").then().statusCode(201).extract().jsonPath().getLong("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !states(name, "UP").isEmpty());

            chain.call(contract, "pause");
            await().atMost(Duration.ofSeconds(30)).until(() -> !states(name, "DOWN").isEmpty());
            Map<String, Object> down = states(name, "DOWN").get(0);
            assertEquals("contract_paused", down.get("reason"));
            assertEquals("evm-contract", down.get("kind"));
            given().get("/api/v1/targets/" + id + "/status").then().body("state", equalTo("DOWN"))
                    .body("reason", equalTo("contract_paused"))
                    .body("lastProbe.evidence.calls[0].value", equalTo("true"));

            chain.call(contract, "unpause");
            await().atMost(Duration.ofSeconds(30)).until(() -> states(name, "UP").size() == 2);
            assertEquals(1, states(name, "DOWN").size(), "one DOWN signal, no flapping");
            given().delete("/api/v1/targets/" + id).then().statusCode(204);
        }
    }
}
