package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** Regions: primary vs standby rendering, the region name on probe-service, probe sharding over the StatefulSet. */
class RegionTest {

    static List<Chart.Scenario> scenarios() {
        return Chart.all();
    }

    static List<Chart.Scenario> standbyScenarios() {
        return Chart.all().stream().filter(s -> "standby".equals(s.values().at("/regionRole").asText())).toList();
    }

    @Test
    void oneRegionIsPrimaryAndEveryOverlayIsNamedAfterItsRegion() {
        List<Chart.Scenario> regions = Chart.regionOverlays();
        Set<String> primaries = regions.stream().filter(r -> "primary".equals(r.overlay().at("/regionRole").asText()))
                .map(Chart.Scenario::name).collect(Collectors.toSet());
        assertEquals(Set.of("regions/us-east-1.yaml"), primaries);
        for (Chart.Scenario r : regions) {
            // an overlay names its region and role itself, whatever the chart's defaults say
            assertEquals(r.name(), "regions/" + r.overlay().at("/region").asText() + ".yaml");
            assertFalse(r.overlay().at("/regionRole").isMissingNode(), r + " sets regionRole");
        }
        assertTrue(standbyScenarios().stream().map(Chart.Scenario::name).collect(Collectors.toSet())
                .containsAll(Set.of("regions/eu-west-1.yaml", "regions/ap-southeast-1.yaml", "ci/standby-values.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void probeServiceIsStampedWithTheRegionAndSendsSignalsToTheRightIncidentService(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        JsonNode values = scenario.values();
        Map<String, String> env = m.environment(m.workload("probe").containers().get(0));
        assertEquals(values.at("/region").asText(), env.get("DOWNTIME_REGION"));
        String incidentService = m.workload("incident").name();
        String local = "http://" + incidentService + ":" + values.at("/incident/service/port").asInt();
        String configured = values.at("/probe/incidentUrl").asText();
        assertEquals(configured.isEmpty() ? local : configured, env.get("DOWNTIME_INCIDENT_URL"), "probe-service");
        Map<String, String> slaEnv = m.environment(m.workload("sla").containers().get(0));
        String slaConfigured = values.at("/sla/incidentUrl").asText();
        assertEquals(slaConfigured.isEmpty() ? local : slaConfigured, slaEnv.get("DOWNTIME_INCIDENT_URL"), "sla");
    }

    @Test
    void regionOverlaysStampTheirOwnRegionName() {
        for (Chart.Scenario r : Chart.regionOverlays()) {
            Manifests m = r.manifests();
            String expected = r.name().substring("regions/".length(), r.name().length() - ".yaml".length());
            assertEquals(expected, m.environment(m.workload("probe").containers().get(0)).get("DOWNTIME_REGION"), r.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standbyScenarios")
    void standbyRegionsRunIncidentAndSlaAtTheStandbyCountAgainstReadOnlyDatabases(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        JsonNode values = scenario.values();
        assertTrue(m.of(HorizontalPodAutoscaler.class).isEmpty(), "no HPA in a standby region");
        for (String component : List.of("incident", "sla")) {
            Deployment d = (Deployment) m.workload(component).object();
            assertEquals(values.at("/" + component + "/standbyReplicas").asInt(), d.getSpec().getReplicas(),
                    scenario + " " + component + " replicas");
            assertEquals("false",
                    m.environment(d.getSpec().getTemplate().getSpec().getContainers().get(0))
                            .get("QUARKUS_FLYWAY_MIGRATE_AT_START"),
                    component + ": no migrations against a replica");
        }
        String url = values.at("/probe/incidentUrl").asText();
        assertTrue(url.startsWith("http"), scenario + ": a standby region sends signals to the primary: " + url);
        assertFalse(url.contains(m.workload("incident").name() + ":"), "not to its own, scaled-down incident-service");
    }

    @Test
    void theColdStandbyOverlayScalesIncidentAndSlaToZeroAndTheWarmOneToOne() {
        Manifests cold = Chart.scenario("regions/ap-southeast-1.yaml").manifests();
        Manifests warm = Chart.scenario("regions/eu-west-1.yaml").manifests();
        for (String component : List.of("incident", "sla")) {
            assertEquals(0, cold.workload(component).replicas(), component);
            assertEquals(1, warm.workload(component).replicas(), component);
        }
        // and the very same values as primary (the failover step) bring back HPA and full replicas
        String promoted = new Helm(Chart.dir()).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).withValuesFile(Chart.dir().resolve("regions/eu-west-1.yaml"))
                .set("regionRole", "primary").set("probe.incidentUrl", "").call();
        Manifests m = Manifests.parse(promoted);
        assertEquals(Set.of(m.workload("incident").name()), m.of(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet()));
        assertEquals(2, m.workload("sla").replicas());
        assertEquals("http://downtime-incident:8082",
                m.environment(m.workload("probe").containers().get(0)).get("DOWNTIME_INCIDENT_URL"));
        assertEquals("true", m.environment(m.workload("incident").containers().get(0))
                .get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
    }

    @Test
    void aStandbyRegionWithoutAPrimaryUrlDoesNotRender() {
        var template = new Helm(Chart.dir()).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).set("regionRole", "standby");
        Exception e = assertThrows(Exception.class, template::call);
        assertTrue(e.getMessage().contains("probe.incidentUrl is required in a standby region"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyProbeReplicaKnowsTheShardCountAndReadsItsOrdinalFromThePodIndex(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        StatefulSet sts = (StatefulSet) m.workload("probe").object();
        int replicas = sts.getSpec().getReplicas();
        assertEquals(scenario.values().at("/probe/replicas").asInt(), replicas);
        Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar count = env(c, "DOWNTIME_PROBE_SHARD_COUNT");
        assertEquals(String.valueOf(replicas), count.getValue(), "shard count = StatefulSet replicas");
        EnvVar ordinal = env(c, "DOWNTIME_PROBE_SHARD_ORDINAL");
        assertNotNull(ordinal.getValueFrom().getFieldRef(), "ordinal from the downward API");
        assertEquals("metadata.labels['apps.kubernetes.io/pod-index']",
                ordinal.getValueFrom().getFieldRef().getFieldPath());
        assertEquals("Parallel", sts.getSpec().getPodManagementPolicy());
        assertTrue(m.of(HorizontalPodAutoscaler.class).stream()
                .noneMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(sts.getMetadata().getName())),
                "an HPA would change the replicas behind the shard count's back");
    }

    @Test
    void theMultiReplicaScenarioShardsOverThreeReplicas() {
        Manifests m = Chart.scenario("ci/multi-probe-values.yaml").manifests();
        assertEquals(3, m.workload("probe").replicas());
        assertEquals("3", env(m.workload("probe").containers().get(0), "DOWNTIME_PROBE_SHARD_COUNT").getValue());
    }

    private static EnvVar env(Container c, String name) {
        List<EnvVar> matching = c.getEnv().stream().filter(e -> e.getName().equals(name)).toList();
        assertEquals(1, matching.size(), name + " in " + c.getName());
        return matching.get(0);
    }
}
