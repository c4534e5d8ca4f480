package io.downtime.systemtests.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The public REST API of the running system, as an SRE team would use it. */
public final class Api {

    private final Downtime system;

    public Api(Downtime system) {
        this.system = system;
    }

    /** Registers an {@code evm-node} target probed every second; returns its id. */
    public long registerChain(String name, String service, String rpcUrl, int maxHeadAgeSeconds) {
        return given().baseUri(system.probe.url()).contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","service":"%s","kind":"evm-node","url":"%s","intervalSeconds":1,"timeoutMs":800,
                         "failureThreshold":2,"successThreshold":2,"evm":{"chainId":31337,"maxHeadAgeSeconds":%d}}"""
                        .formatted(name, service, rpcUrl, maxHeadAgeSeconds))
                .post("/api/v1/targets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /**
     * Registers a target with a full request body ({@code POST /api/v1/targets} on {@code probe}, which may be another
     * region's probe-service than the system's own); returns its id. Fails unless the answer is 201.
     */
    public static long registerTarget(ServiceProcess probe, String body) {
        return given().baseUri(probe.url()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/targets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** {@link #registerTarget(ServiceProcess, String)} on the system's own probe-service. */
    public long registerTarget(String body) {
        return registerTarget(system.probe, body);
    }

    /** The status of a target in the region of {@code probe} ({@code GET /api/v1/targets/{id}/status}). */
    public static JsonPath targetStatus(ServiceProcess probe, long id) {
        return given().baseUri(probe.url()).get("/api/v1/targets/" + id + "/status").then().statusCode(200)
                .extract().jsonPath();
    }

    /** {@code PUT}s a flat-revenue SLA of {@code amountPerHour} USD per hour. */
    public void putFlatSla(String service, String amountPerHour) {
        given().baseUri(system.sla.url()).contentType(ContentType.JSON)
                .body("""
                        {"objective":99.9,"window":"P30D",
                         "revenue":{"model":"flat","amountPerHour":"%s","currency":"USD"},
                         "creditTiers":[{"belowPercent":99.9,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}]}"""
                        .formatted(amountPerHour))
                .put("/api/v1/slas/" + service).then().statusCode(201);
    }

    public JsonPath targetStatus(long id) {
        return given().baseUri(system.probe.url()).get("/api/v1/targets/" + id + "/status").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Incidents of a service, newest first (the REST default). */
    public List<Map<String, Object>> incidents(String service) {
        return given().baseUri(system.incident.url()).queryParam("service", service).get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The newest incident of a service in {@code status}, if any. */
    public Optional<Map<String, Object>> incident(String service, String status) {
        return incidents(service).stream().filter(i -> status.equals(i.get("status"))).findFirst();
    }

    public JsonPath report(String service, Instant from, Instant to) {
        return given().baseUri(system.sla.url()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/slas/" + service + "/report").then().statusCode(200).extract().jsonPath();
    }

    /** Anchors the report of a period on the anchor chain; returns the stored anchor. */
    public JsonPath anchor(String service, Instant from, Instant to) {
        return given().baseUri(system.sla.url()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .post("/api/v1/slas/" + service + "/reports/anchor").then().statusCode(201).extract().jsonPath();
    }

    /** Re-computes an anchored report and checks it against the chain. */
    public JsonPath verifyAnchor(String service, long anchorId) {
        return given().baseUri(system.sla.url())
                .get("/api/v1/slas/" + service + "/reports/anchors/" + anchorId + "/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Prints a measured figure and appends it to {@code system-tests/target/figures.md} for the issue notes. */
    public static void figure(String line) {
        System.out.println("FIGURE " + line);
        try {
            Path file = Path.of("target", "figures.md");
            Files.writeString(file, "- " + line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
