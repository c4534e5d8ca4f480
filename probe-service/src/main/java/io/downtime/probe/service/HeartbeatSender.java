package io.downtime.probe.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.downtime.probe.chain.ChainView;
import io.downtime.probe.client.Heartbeat;
import io.downtime.probe.client.HeartbeatClient;
import io.downtime.probe.config.ProbeConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Tells incident-service every {@code downtime.probe.heartbeat.interval} (default 5 s) that this instance is alive
 * (region, instance, version) and which chain heads it sees; takes the other regions' best heads from the answer
 * into the {@link ChainView} (block lag across regions). A failed heartbeat (incident-service down, or an older
 * incident-service answering 404) is logged and the next one is sent on schedule.
 */
@ApplicationScoped
public class HeartbeatSender {

    private static final Logger LOG = Logger.getLogger(HeartbeatSender.class);

    private final HeartbeatClient client;
    private final ChainView chains;
    private final ProbeConfig config;
    private final String version;
    private final String instance;
    private volatile boolean failing;

    public HeartbeatSender(@RestClient HeartbeatClient client, ChainView chains, ProbeConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.client = client;
        this.chains = chains;
        this.config = config;
        this.version = version;
        this.instance = config.probe().heartbeat().instance()
                .orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "probe-service"));
    }

    @Scheduled(every = "${downtime.probe.heartbeat.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> beat() {
        return send().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends one heartbeat and applies the answer; fails when incident-service did not take it. */
    public Uni<Heartbeat.Response> send() {
        Instant now = Instant.now();
        Map<String, Heartbeat.Head> heads = new LinkedHashMap<>();
        chains.bestLocalHeads(now).forEach((chainId, h) -> heads.put(Long.toString(chainId),
                new Heartbeat.Head(h.number(), h.seenAt(), null)));
        Heartbeat heartbeat = new Heartbeat(config.region(), instance, version, now,
                Math.max(1, config.probe().heartbeat().interval().toSeconds()), heads);
        return client.send(heartbeat)
                .invoke(response -> {
                    Map<Long, ChainView.RemoteHead> remote = new HashMap<>();
                    if (response != null && response.heads() != null) {
                        Instant received = Instant.now();
                        response.heads().forEach((chainId, h) -> {
                            try {
                                remote.put(Long.parseLong(chainId), new ChainView.RemoteHead(h.number(),
                                        h.region(), h.seenAt(), received));
                            } catch (NumberFormatException e) {
                                LOG.debugf("ignoring head of chain id '%s'", chainId);
                            }
                        });
                    }
                    chains.acceptRemote(remote);
                    if (failing) {
                        LOG.infof("heartbeats to incident-service delivered again");
                        failing = false;
                    }
                })
                .onFailure().invoke(e -> {
                    if (!failing) {
                        LOG.warnf("heartbeat to incident-service failed (retried every interval): %s", e.toString());
                        failing = true;
                    }
                });
    }

    /** Skips heartbeats when {@code downtime.probe.heartbeat.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final ProbeConfig config;

        public Disabled(ProbeConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.probe().heartbeat().enabled();
        }
    }
}
