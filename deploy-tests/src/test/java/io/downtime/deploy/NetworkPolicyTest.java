package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Who may reach whom, computed from the rendered NetworkPolicies (not read from the values): exactly probe →
 * incident:8082, sla → incident:8082, Prometheus → every service's management port (metrics; not the API), and the
 * configured API clients → their components' http ports. Strangers, look-alikes in the wrong namespace and other
 * ports (the management ports included) get nothing.
 */
class NetworkPolicyTest {

    /** A port no container listens on: a policy that opens "all ports" is caught by it. */
    static final int OTHER_PORT = 5005;

    static List<Chart.Scenario> withPolicies() {
        return Chart.all().stream().filter(s -> s.values().at("/networkPolicy/enabled").asBoolean()).toList();
    }

    @Test
    void mostScenariosRenderPolicies() {
        assertTrue(withPolicies().size() >= Chart.all().size() - 1, "scenarios with NetworkPolicies: " + withPolicies());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withPolicies")
    void exactlyTheIntendedFlowsAreAllowed(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        JsonNode np = scenario.values().at("/networkPolicy");
        List<Reachability.Source> sources = new ArrayList<>();
        List<Reachability.Destination> destinations = new ArrayList<>();
        Set<Integer> ports = new TreeSet<>(ChartPolicyTest.PORTS.values());
        ports.addAll(ChartPolicyTest.MANAGEMENT_PORTS.values());
        ports.add(OTHER_PORT);

        for (String component : List.of("probe", "incident", "sla")) {
            Manifests.Workload w = m.workload(component);
            Map<String, String> labels = w.template().getMetadata().getLabels();
            sources.add(pod(component, Chart.NAMESPACE, labels));
            destinations.add(new Reachability.Destination(component, Chart.NAMESPACE, labels, w.containers()));
        }
        sources.add(pod("stranger-in-namespace", Chart.NAMESPACE, Map.of("app", "stranger")));
        sources.add(pod("stranger-elsewhere", "elsewhere", Map.of("app", "stranger")));
        // a pod with a Downtime pod's labels, but in another namespace, is not that pod
        sources.add(pod("incident-lookalike-elsewhere", "elsewhere", m.workload("incident").template().getMetadata()
                .getLabels()));

        Set<Reachability.Edge> expected = new TreeSet<>();
        expected.add(new Reachability.Edge("probe", "incident", 8082));
        expected.add(new Reachability.Edge("sla", "incident", 8082));

        JsonNode prometheus = np.path("prometheus");
        sources.addAll(peerAndImpostors("prometheus", prometheus));
        for (String component : List.of("probe", "incident", "sla")) {
            expected.add(new Reachability.Edge("prometheus", component,
                    ChartPolicyTest.MANAGEMENT_PORTS.get(component)));
        }

        JsonNode clients = np.path("apiClients");
        int i = 0;
        for (JsonNode peer : clients.path("from")) {
            String name = "api-client-" + i++;
            sources.addAll(peerAndImpostors(name, peer));
            for (JsonNode component : clients.path("components")) {
                expected.add(new Reachability.Edge(name, component.asText(),
                        ChartPolicyTest.PORTS.get(component.asText())));
            }
        }

        Set<Reachability.Edge> actual = new Reachability(m.of(NetworkPolicy.class)).edges(sources, destinations,
                ports);
        assertEquals(expected, actual, scenario + ": allowed flows");
    }

    @Test
    void withoutPoliciesEverythingIsOpenSoTheCheckerCanTellTheDifference() {
        // the same computation on the minimal scenario (no policies) must see the strangers get in
        Chart.Scenario minimal = Chart.scenario("ci/minimal-values.yaml");
        Manifests m = minimal.manifests();
        assertTrue(m.of(NetworkPolicy.class).isEmpty());
        var incident = m.workload("incident");
        var destination = new Reachability.Destination("incident", Chart.NAMESPACE,
                incident.template().getMetadata().getLabels(), incident.containers());
        assertTrue(new Reachability(List.of()).allowed(pod("stranger", "elsewhere", Map.of()), destination, 8082));
    }

    @Test
    void theDefaultDenyPolicySelectsEveryPodOfTheReleaseAndAllowsNothing() {
        Manifests m = Chart.defaults().manifests();
        List<NetworkPolicy> denyAll = m.of(NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()).toList();
        assertEquals(1, denyAll.size(), "one default-deny policy");
        NetworkPolicy deny = denyAll.get(0);
        assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes(), "egress is deliberately not restricted");
        for (Manifests.Workload w : m.workloads()) {
            assertTrue(Selectors.matches(deny.getSpec().getPodSelector(), w.template().getMetadata().getLabels()),
                    w.toString());
        }
        assertFalse(Selectors.isEmpty(deny.getSpec().getPodSelector()), "only this release's pods, not the namespace");
        for (NetworkPolicy p : m.of(NetworkPolicy.class)) {
            assertFalse(p.getSpec().getPolicyTypes().contains("Egress"), p.getMetadata().getName());
        }
    }

    /**
     * The peer a values entry describes (namespaceSelector/podSelector matchLabels made flesh), and impostors: the
     * same pod labels in a namespace the selector does not pick, and another pod in the picked namespace.
     */
    private static List<Reachability.Source> peerAndImpostors(String name, JsonNode peer) {
        Map<String, String> podLabels = labels(peer.at("/podSelector/matchLabels"));
        JsonNode nsSelector = peer.path("namespaceSelector");
        Map<String, String> nsLabels = labels(nsSelector.path("matchLabels"));
        String namespace = nsSelector.isMissingNode() || nsSelector.isNull() ? Chart.NAMESPACE
                : nsLabels.getOrDefault("kubernetes.io/metadata.name", name + "-namespace");
        Map<String, String> fullNsLabels = new HashMap<>(nsLabels);
        fullNsLabels.put("kubernetes.io/metadata.name", namespace);

        List<Reachability.Source> sources = new ArrayList<>();
        sources.add(new Reachability.Source(name, namespace, fullNsLabels, podLabels));
        boolean everyNamespace = nsSelector.isObject() && nsSelector.isEmpty();
        if (!everyNamespace) {
            sources.add(pod(name + "-in-wrong-namespace", "wrong-" + namespace, podLabels));
        }
        if (!podLabels.isEmpty()) {
            sources.add(new Reachability.Source(name + "-neighbour", namespace, fullNsLabels, Map.of("app", "other")));
        }
        return sources;
    }

    private static Reachability.Source pod(String name, String namespace, Map<String, String> labels) {
        return new Reachability.Source(name, namespace, Map.of("kubernetes.io/metadata.name", namespace), labels);
    }

    private static Map<String, String> labels(JsonNode matchLabels) {
        Map<String, String> labels = new HashMap<>();
        matchLabels.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
