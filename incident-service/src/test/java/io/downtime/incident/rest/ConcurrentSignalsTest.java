package io.downtime.incident.rest;

import static io.downtime.incident.rest.Signals.at;
import static io.downtime.incident.rest.Signals.incidents;
import static io.downtime.incident.rest.Signals.outages;
import static io.downtime.incident.rest.Signals.post;
import static io.downtime.incident.rest.Signals.signal;
import static io.downtime.incident.rest.Signals.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Duplicate deliveries and signals of several regions arriving at once: the database decides. */
@QuarkusTest
class ConcurrentSignalsTest {

    @Test
    void concurrentDeliveriesStoreEachIdOnceAndOpenOneIncident() throws Exception {
        String service = unique("svc");
        String rpc = unique("rpc");
        String api = unique("api");
        List<Map<String, Object>> distinct = List.of(
                signal(service, rpc, "eu", "DOWN", "timeout", at(30)),
                signal(service, rpc, "us", "DOWN", "timeout", at(20)),
                signal(service, api, "eu", "DOWN", "http_status", at(25)),
                signal(service, api, "ap", "DOWN", "http_status", at(10)));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (Map<String, Object> body : distinct) {
                calls.add(() -> post(body).extract().statusCode());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(4, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(8, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        // signals of a service whose outage is changing are acknowledged once stored and applied right after (see
        // SignalService): the earliest DOWN moves the outage start back shortly after the last answer
        await().atMost(Duration.ofSeconds(30))
                .until(() -> at(10).toString().equals(outages(service).getString("[0].start")));
        assertEquals(1, incidents(service).size());
        assertEquals(1, outages(service).getList("$").size());
        assertEquals(at(10).toString(), outages(service).getString("[0].start"));
    }
}
