package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** What every rendered workload must satisfy, in every scenario. */
class ChartPolicyTest {

    static final Map<String, String> APPS = Map.of("probe", "probe-service", "incident", "incident-service", "sla",
            "sla-service");
    static final Map<String, Integer> PORTS = Map.of("probe", 8081, "incident", 8082, "sla", 8083);
    /** quarkus.management.port of each service: health and metrics, not served on the API port. */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("probe", 9081, "incident", 9082, "sla", 9083);
    static final Map<String, String> DB_ENV = Map.of("probe", "DOWNTIME_PROBE_DB", "incident", "DOWNTIME_INCIDENT_DB",
            "sla", "DOWNTIME_SLA_DB");

    static List<Chart.Scenario> scenarios() {
        return Chart.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void threeWorkloadsOfTheRightKind(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        assertEquals("StatefulSet", m.workload("probe").object().getKind(), "probe-service keeps stable ordinals");
        assertEquals("Deployment", m.workload("incident").object().getKind());
        assertEquals("Deployment", m.workload("sla").object().getKind());
        for (Manifests.Workload w : m.workloads()) {
            assertEquals(APPS.get(w.component()), w.template().getMetadata().getLabels().get("app.kubernetes.io/name"));
            assertEquals("downtime", w.template().getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyContainerHasHealthProbesAndMetricsOnTheManagementPort(Chart.Scenario scenario) {
        for (Manifests.Workload w : scenario.manifests().workloads()) {
            assertTrue(w.template().getSpec().getInitContainers().isEmpty(), w + ": no init containers expected");
            for (Container c : w.containers()) {
                String what = scenario + " " + w + " " + c.getName();
                ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": no port named http"));
                assertEquals(PORTS.get(w.component()), http.getContainerPort(), what);
                ContainerPort management = c.getPorts().stream().filter(p -> "management".equals(p.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(what + ": no port named management"));
                assertEquals(MANAGEMENT_PORTS.get(w.component()), management.getContainerPort(), what);
                assertHttpProbe(what + " startup", c.getStartupProbe(), "/q/health/started");
                assertHttpProbe(what + " liveness", c.getLivenessProbe(), "/q/health/live");
                assertHttpProbe(what + " readiness", c.getReadinessProbe(), "/q/health/ready");
                Map<String, String> annotations = w.template().getMetadata().getAnnotations();
                assertEquals("/q/metrics", annotations.get("prometheus.io/path"), what);
                assertEquals(String.valueOf(management.getContainerPort()), annotations.get("prometheus.io/port"),
                        what);
            }
        }
    }

    private static void assertHttpProbe(String what, Probe probe, String path) {
        assertNotNull(probe, what + " probe missing");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, what + " is not an HTTP probe");
        assertEquals(path, get.getPath(), what);
        assertEquals("management", get.getPort().getStrVal(), what + " port");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyContainerHasRequestsLimitsAndARestrictedSecurityContext(Chart.Scenario scenario) {
        for (Manifests.Workload w : scenario.manifests().workloads()) {
            PodSecurityContext pod = w.template().getSpec().getSecurityContext();
            assertNotNull(pod, w + ": pod securityContext");
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), w + ": pod runAsNonRoot");
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), w + ": pod seccomp");
            for (Container c : w.containers()) {
                String what = scenario + " " + w + " " + c.getName();
                var requests = c.getResources().getRequests();
                assertNotNull(requests, what + ": requests");
                assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), what + ": " + requests);
                assertNotNull(c.getResources().getLimits(), what + ": limits");
                assertTrue(c.getResources().getLimits().containsKey("memory"), what + ": memory limit");

                SecurityContext sc = c.getSecurityContext();
                assertNotNull(sc, what + ": securityContext");
                assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), what + ": runAsNonRoot");
                assertEquals(185L, sc.getRunAsUser(), what + ": the UBI OpenJDK user");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), what + ": readOnlyRootFilesystem");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), what + ": allowPrivilegeEscalation");
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), what + ": capabilities");
                assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), what + ": seccomp");
                assertNotEquals(Boolean.TRUE, sc.getPrivileged(), what + ": privileged");

                // a read-only root needs a writable /tmp, from an emptyDir
                String tmpVolume = c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals("/tmp"))
                        .map(v -> v.getName()).findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": nothing mounted at /tmp"));
                Volume volume = w.template().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(tmpVolume)).findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": no volume " + tmpVolume));
                assertNotNull(volume.getEmptyDir(), what + ": /tmp is an emptyDir");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void imagesComeFromTheConfiguredRegistryAndTag(Chart.Scenario scenario) {
        JsonNode values = scenario.values();
        String appVersion = Yaml.readTree(Chart.dir().resolve("Chart.yaml")).path("appVersion").asText();
        for (Manifests.Workload w : scenario.manifests().workloads()) {
            String component = w.component();
            String registry = values.at("/image/registry").asText();
            String tag = firstNonEmpty(values.at("/" + component + "/image/tag").asText(),
                    values.at("/image/tag").asText(), appVersion);
            String expected = (registry.isEmpty() ? "" : registry + "/") + "downtime/" + APPS.get(component) + ":"
                    + tag;
            assertEquals(expected, w.containers().get(0).getImage(), scenario + " " + w);
            assertEquals(values.at("/image/pullPolicy").asText(), w.containers().get(0).getImagePullPolicy());
        }
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void databaseConnectionComesFromTheExistingSecretAndTheNameFromTheConfigMap(Chart.Scenario scenario) {
        JsonNode values = scenario.values();
        Manifests m = scenario.manifests();
        Map<String, String> keys = Map.of("PGHOST", "host", "PGPORT", "port", "PGUSER", "username", "PGPASSWORD",
                "password");
        for (Manifests.Workload w : m.workloads()) {
            String component = w.component();
            Container c = w.containers().get(0);
            String secret = values.at("/" + component + "/database/existingSecret").asText();
            for (var e : keys.entrySet()) {
                EnvVar env = c.getEnv().stream().filter(v -> v.getName().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(w + ": no " + e.getKey()));
                assertNull(env.getValue(), w + ": " + e.getKey() + " must not be a literal");
                var ref = env.getValueFrom().getSecretKeyRef();
                assertNotNull(ref, w + ": " + e.getKey() + " from a Secret");
                assertEquals(secret, ref.getName(), w + ": " + e.getKey());
                assertEquals(values.at("/database/secretKeys/" + e.getValue()).asText(), ref.getKey(),
                        w + ": " + e.getKey());
            }
            assertEquals(values.at("/" + component + "/database/name").asText(),
                    m.environment(c).get(DB_ENV.get(component)), w + ": database name");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void selectorsAreVersionFreeAndAgreeBetweenWorkloadPodsAndServices(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        for (Manifests.Workload w : m.workloads()) {
            Map<String, String> selector = w.selector().getMatchLabels();
            assertTrue(w.selector().getMatchExpressions().isEmpty(), w + ": matchLabels only");
            assertEquals(Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"),
                    selector.keySet(), w + ": selector labels (no version, no chart)");
            selector.forEach((k, v) -> assertEquals(v, w.template().getMetadata().getLabels().get(k),
                    w + ": pod template label " + k));

            List<Service> services = m.of(Service.class).stream()
                    .filter(s -> w.component().equals(s.getMetadata().getLabels().get("app.kubernetes.io/component")))
                    .toList();
            assertFalse(services.isEmpty(), w + ": no Service");
            for (Service s : services) {
                assertEquals(selector, s.getSpec().getSelector(), s.getMetadata().getName() + " selector vs " + w);
                for (ServicePort port : s.getSpec().getPorts()) {
                    assertTrue(Set.of("http", "management").contains(port.getName()), port.getName());
                    assertEquals(port.getName(), port.getTargetPort().getStrVal(), "targetPort by name");
                }
            }
            if (w.object() instanceof StatefulSet sts) {
                String governing = sts.getSpec().getServiceName();
                Service headless = m.find(Service.class, governing)
                        .orElseThrow(() -> new AssertionError(w + ": serviceName " + governing + " not rendered"));
                assertEquals("None", headless.getSpec().getClusterIP(), "governing Service is headless");
            }
        }
        // other regions address the services by these names (DOWNTIME_INCIDENT_URL)
        Service incident = m.of(Service.class).stream()
                .filter(s -> "incident".equals(s.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .filter(s -> !"None".equals(s.getSpec().getClusterIP())).findFirst().orElseThrow();
        assertEquals(scenario.values().at("/incident/service/port").asInt(),
                incident.getSpec().getPorts().get(0).getPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void podDisruptionBudgetsSelectPodsThatExist(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        Set<String> autoscaled = m.of(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet());
        for (PodDisruptionBudget pdb : m.of(PodDisruptionBudget.class)) {
            List<Manifests.Workload> selected = m.workloads().stream()
                    .filter(w -> Selectors.matches(pdb.getSpec().getSelector(), w.template().getMetadata().getLabels()))
                    .toList();
            assertEquals(1, selected.size(), scenario + ": PDB " + pdb.getMetadata().getName() + " selects " + selected);
            Manifests.Workload w = selected.get(0);
            boolean hasPods = autoscaled.contains(w.name()) || (w.replicas() != null && w.replicas() > 0);
            assertTrue(hasPods, scenario + ": PDB " + pdb.getMetadata().getName() + " guards " + w + " with no pods");
            assertNull(pdb.getSpec().getMinAvailable(), "maxUnavailable only: a single replica stays drainable");
            assertNotNull(pdb.getSpec().getMaxUnavailable());
        }
        for (Manifests.Workload w : m.workloads()) {
            boolean hasPods = autoscaled.contains(w.name()) || (w.replicas() != null && w.replicas() > 0);
            boolean enabled = scenario.values().at("/" + w.component() + "/podDisruptionBudget/enabled").asBoolean();
            long guarding = m.of(PodDisruptionBudget.class).stream()
                    .filter(p -> Selectors.matches(p.getSpec().getSelector(), w.template().getMetadata().getLabels()))
                    .count();
            assertEquals(enabled && hasPods ? 1 : 0, guarding, scenario + ": PDBs of " + w);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void autoscalersTargetDeploymentsThatLeaveReplicasToThem(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        for (HorizontalPodAutoscaler hpa : m.of(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            assertEquals("Deployment", ref.getKind());
            assertEquals("apps/v1", ref.getApiVersion());
            Deployment d = m.find(Deployment.class, ref.getName())
                    .orElseThrow(() -> new AssertionError("HPA targets missing " + ref.getName()));
            assertNull(d.getSpec().getReplicas(), d.getMetadata().getName() + ": replicas belong to the HPA");
            String component = d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component");
            assertTrue(Set.of("incident", "sla").contains(component), "HPA only for the stateless services");
            assertTrue(hpa.getSpec().getMinReplicas() >= 1);
            assertTrue(hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
        }
        for (Deployment d : m.of(Deployment.class)) {
            boolean hasHpa = m.of(HorizontalPodAutoscaler.class).stream()
                    .anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(d.getMetadata().getName()));
            if (!hasHpa && d.getSpec().getReplicas() == null) {
                fail(d.getMetadata().getName() + " has neither replicas nor an HPA");
            }
        }
    }
}
