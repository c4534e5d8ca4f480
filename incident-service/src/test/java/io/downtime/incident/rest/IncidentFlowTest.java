package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incident;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.instant;
import static io.downtime.incident.rest.Signals.onlyIncidentId;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.post;
import static io.downtime.incident.rest.Signals.send;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Signals → quorum → outages → incidents, through the REST API. */
@QuarkusTest
class IncidentFlowTest {

    @Test
    void downOpensOneTriggeredIncidentAndUpResolvesIt() {
        String service = unique("svc");
        String target = unique("tgt");
        Instant before = Instant.now().minusSeconds(1);

        send(signal(service, target, "eu", "DOWN", "head_stale", at(0)));

        long id = onlyIncidentId(service);
        JsonPath open = incident(id);
        assertEquals("TRIGGERED", open.getString("status"));
        assertEquals(service, open.getString("service"));
        assertEquals("head_stale", open.getString("reason"));
        assertEquals("service:" + service, open.getString("dedupKey"));
        assertEquals(at(0), instant(open, "startedAt"));
        assertTrue(instant(open, "detectedAt").isAfter(before));
        assertNull(open.getString("endedAt"));
        assertNull(open.getString("resolvedAt"));
        assertEquals("TRIGGERED", open.getString("timeline[0].type"));
        assertEquals("system", open.getString("timeline[0].actor"));

        JsonPath outage = outages(service);
        assertEquals(1, outage.getList("$").size());
        assertEquals(at(0), instant(outage, "[0].start"));
        assertNull(outage.get("[0].end"));
        assertEquals("head_stale", outage.getString("[0].reason"));
        assertEquals(id, outage.getLong("[0].incidentId"));

        // a second DOWN from the same region later (another streak) opens nothing new
        send(signal(service, target, "eu", "DOWN", "timeout", at(30)));
        assertEquals(1, incidents(service).size());

        Instant beforeUp = Instant.now().minusSeconds(1);
        send(signal(service, target, "eu", "UP", "ok", at(60)));
        Instant afterUp = Instant.now().plusSeconds(1);

        JsonPath resolved = incident(id);
        assertEquals("RESOLVED", resolved.getString("status"));
        // resolvedAt is server time (MTTR never negative); the probe-measured end is endedAt
        Instant resolvedAt = instant(resolved, "resolvedAt");
        assertTrue(resolvedAt.isAfter(beforeUp) && resolvedAt.isBefore(afterUp), resolvedAt.toString());
        assertFalse(resolvedAt.isBefore(instant(resolved, "detectedAt")));
        assertEquals(at(60), instant(resolved, "endedAt"));
        List<String> types = resolved.getList("timeline.type");
        assertTrue(types.containsAll(List.of("TRIGGERED", "OUTAGE_ENDED", "RESOLVED")), types.toString());
        assertTrue(resolved.<String> getList("timeline.actor").stream().allMatch("system"::equals));

        JsonPath closed = outages(service);
        assertEquals(1, closed.getList("$").size());
        assertEquals(at(0), instant(closed, "[0].start"));
        assertEquals(at(60), instant(closed, "[0].end"));

        // down again: a new outage and a new incident under the same dedup key
        send(signal(service, target, "eu", "DOWN", "timeout", at(120)));
        assertEquals(2, incidents(service).size());
        assertEquals("TRIGGERED", incidents(service).get(0).get("status"));
        assertEquals(2, outages(service).getList("$").size());
    }

    @Test
    void oneOfTwoRegionsDownIsNoOutage() {
        String service = unique("svc");
        String target = unique("tgt");
        send(signal(service, target, "eu", "UP", "ok", at(0)));
        send(signal(service, target, "us", "UP", "ok", at(0)));

        send(signal(service, target, "eu", "DOWN", "timeout", at(10)));

        assertEquals(0, incidents(service).size());
        assertEquals(0, outages(service).getList("$").size());
    }

    @Test
    void twoOfThreeRegionsDownOpenAnIncidentFromTheEarliestFirstBadProbe() {
        String service = unique("svc");
        String target = unique("tgt");
        send(signal(service, target, "eu", "UP", "ok", at(0)));
        send(signal(service, target, "us", "UP", "ok", at(0)));
        send(signal(service, target, "ap", "UP", "ok", at(0)));

        send(signal(service, target, "eu", "DOWN", "timeout", at(100)));
        assertEquals(0, incidents(service).size());
        // confirmed later, but its first bad probe was earlier
        send(signal(service, target, "us", "DOWN", "head_stale", at(90), at(200)));

        long id = onlyIncidentId(service);
        JsonPath incident = incident(id);
        assertEquals(at(90), instant(incident, "startedAt"));
        assertEquals("head_stale", incident.getString("reason"));
        JsonPath outage = outages(service);
        assertEquals(at(90), instant(outage, "[0].start"));
        assertEquals("head_stale", outage.getString("[0].reason"));

        // the third region agreeing changes nothing but could only lower the start
        send(signal(service, target, "ap", "DOWN", "timeout", at(95)));
        assertEquals(at(90), instant(outages(service), "[0].start"));

        // one region recovering leaves 2 of 3 down: still down
        send(signal(service, target, "eu", "UP", "ok", at(300)));
        assertNull(outages(service).get("[0].end"));
        // a second one: 1 of 3, the outage ends at that signal's observedAt
        send(signal(service, target, "us", "UP", "ok", at(310)));
        assertEquals(at(310), instant(outages(service), "[0].end"));
        assertEquals("RESOLVED", incident(id).getString("status"));
    }

    @Test
    void anEarlierDownOfAnotherTargetMovesTheOutageStartBack() {
        String service = unique("svc");
        String rpc = unique("rpc");
        String api = unique("api");
        send(signal(service, rpc, "eu", "DOWN", "timeout", at(100)));
        long id = onlyIncidentId(service);

        send(signal(service, api, "eu", "DOWN", "http_status", at(40)));

        assertEquals(1, incidents(service).size());
        assertEquals(at(40), instant(outages(service), "[0].start"));
        JsonPath incident = incident(id);
        assertEquals(at(40), instant(incident, "startedAt"));
        assertTrue(incident.<String> getList("timeline.type").contains("START_MOVED"));

        // the service stays down while any target is down
        send(signal(service, rpc, "eu", "UP", "ok", at(200)));
        assertNull(outages(service).get("[0].end"));
        send(signal(service, api, "eu", "UP", "ok", at(250)));
        assertEquals(at(250), instant(outages(service), "[0].end"));
    }

    @Test
    void upConfirmedLaterButDeliveredFirstLeavesNoStaleOutage() {
        String service = unique("svc");
        String target = unique("tgt");
        // DOWN confirmed at t+15, UP confirmed at t+65; UP arrives first
        var down = signal(service, target, "eu", "DOWN", "timeout", at(10), at(15));
        var up = signal(service, target, "eu", "UP", "ok", at(60), at(65));

        send(up);
        post(down).statusCode(202);

        assertEquals(0, incidents(service).size());
        assertEquals(0, outages(service).getList("$").size());
    }

    @Test
    void aLateDownAfterRecoveryDoesNotReopen() {
        String service = unique("svc");
        String target = unique("tgt");
        send(signal(service, target, "eu", "DOWN", "timeout", at(10), at(15)));
        send(signal(service, target, "eu", "UP", "ok", at(60), at(65)));
        // a redelivered-late DOWN of an older streak (confirmed before the UP)
        send(signal(service, target, "eu", "DOWN", "timeout", at(30), at(35)));

        assertEquals(1, incidents(service).size());
        JsonPath outage = outages(service);
        assertEquals(1, outage.getList("$").size());
        assertEquals(at(60), instant(outage, "[0].end"));
    }

    @Test
    void degradedIsNoOutage() {
        String service = unique("svc");
        send(signal(service, unique("tgt"), "eu", "DEGRADED", "congested", at(0)));
        assertEquals(0, incidents(service).size());
    }

    @Test
    void manualResolveKeepsTheOutageOpenUntilRecovery() {
        String service = unique("svc");
        String target = unique("tgt");
        send(signal(service, target, "eu", "DOWN", "code_missing", at(0)));
        long id = onlyIncidentId(service);

        Instant resolvedAt = instant(IncidentTransitionsTest.transition(id, "resolve", "alice").statusCode(200)
                .extract().jsonPath(), "resolvedAt");
        assertNotNull(resolvedAt);
        assertNull(outages(service).get("[0].end"));

        send(signal(service, target, "eu", "UP", "ok", at(90)));

        JsonPath incident = incident(id);
        assertEquals("RESOLVED", incident.getString("status"));
        assertEquals(resolvedAt, instant(incident, "resolvedAt"));
        assertEquals(at(90), instant(incident, "endedAt"));
        assertEquals(at(90), instant(outages(service), "[0].end"));
        List<String> types = incident.getList("timeline.type");
        assertEquals(1, types.stream().filter("RESOLVED"::equals).count(), types.toString());
        assertFalse(types.isEmpty());
    }
}
