package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * {@code helm template} of every scenario: the output splits into documents that each parse strictly into the
 * Fabric8 model (no unknown field, no duplicate key, no coerced scalar), with unique names per kind.
 */
class ChartRenderTest {

    static List<Chart.Scenario> scenarios() {
        return Chart.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyObjectParsesStrictlyIntoTheKubernetesModel(Chart.Scenario scenario) {
        // Manifests.parse throws on the first object that is not strictly valid
        Manifests manifests = Manifests.parse(scenario.render());
        assertEquals(1, manifests.of(StatefulSet.class).size(), "probe-service StatefulSet");
        assertEquals(2, manifests.of(Deployment.class).size(), "incident and sla Deployments");
        assertEquals(3, manifests.of(ConfigMap.class).size(), "one ConfigMap per service");
        assertEquals(4, manifests.of(Service.class).size(), "three Services and the headless one");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void namesAreUniquePerKindAndEverythingIsInTheReleaseNamespace(Chart.Scenario scenario) {
        List<HasMetadata> all = scenario.manifests().all();
        Map<String, Long> counts = all.stream().collect(
                Collectors.groupingBy(o -> o.getKind() + "/" + o.getMetadata().getName(), Collectors.counting()));
        counts.forEach((k, n) -> assertEquals(1L, n, scenario + ": " + k + " rendered " + n + " times"));
        for (HasMetadata o : all) {
            assertEquals(Chart.NAMESPACE, o.getMetadata().getNamespace(), scenario + ": namespace of " + o.getKind()
                    + "/" + o.getMetadata().getName());
            assertTrue(o.getMetadata().getName().length() <= 63, o.getMetadata().getName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyObjectCarriesTheReleaseLabels(Chart.Scenario scenario) {
        for (HasMetadata o : scenario.manifests().all()) {
            Map<String, String> labels = o.getMetadata().getLabels();
            String what = scenario + ": " + o.getKind() + "/" + o.getMetadata().getName();
            assertEquals("downtime", labels.get("app.kubernetes.io/part-of"), what);
            assertEquals(Chart.RELEASE, labels.get("app.kubernetes.io/instance"), what);
            assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), what);
        }
    }

    @Test
    void theServiceAccountIsUsedByEveryPodAndMountsNoToken() {
        Manifests m = Chart.defaults().manifests();
        ServiceAccount sa = m.of(ServiceAccount.class).get(0);
        for (Manifests.Workload w : m.workloads()) {
            assertEquals(sa.getMetadata().getName(), w.template().getSpec().getServiceAccountName(), w.toString());
            assertEquals(Boolean.FALSE, w.template().getSpec().getAutomountServiceAccountToken(), w.toString());
        }
        Set<String> minimal = Chart.scenario("ci/minimal-values.yaml").manifests().workloads().stream()
                .map(w -> w.template().getSpec().getServiceAccountName()).collect(Collectors.toSet());
        assertEquals(Set.of("default"), minimal, "serviceAccount.create=false uses the namespace's default");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void installNotesNameTheRegionAndItsRole(Chart.Scenario scenario) {
        // a client-only dry-run install renders NOTES.txt, which helm template leaves out
        var install = new Helm(Chart.dir()).install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).clientOnly().dryRun();
        scenario.valuesFile().ifPresent(install::withValuesFile);
        String notes = install.call().getOutput();
        JsonNode values = scenario.values();
        String role = values.at("/regionRole").asText();
        assertTrue(notes.contains("in region " + values.at("/region").asText() + " (" + role + ")"), notes);
        assertEquals(role.equals("standby"), notes.contains("This is a STANDBY region"), notes);
        assertEquals(values.at("/networkPolicy/enabled").asBoolean(), notes.contains("Egress is NOT restricted"),
                notes);
    }

    @Test
    void strictParsingRejectsTyposDuplicatesAndCoercedScalars() {
        String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n";
        assertEquals(1, Manifests.parse(deployment + "  replicas: 2\n").all().size());
        assertThrows(AssertionError.class, () -> Manifests.parse(deployment + "  replica: 2\n"), "a typo");
        assertThrows(AssertionError.class, () -> Manifests.parse(deployment + "  replicas: \"2\"\n"),
                "a string where an integer belongs");
        assertThrows(UncheckedIOException.class,
                () -> Manifests.parse(deployment + "  replicas: 2\n  replicas: 3\n"), "a duplicate key");
        assertThrows(AssertionError.class, () -> Manifests.parse(deployment + "  template:\n    spec:\n"
                + "      containers:\n        - name: a\n          securityContext:\n"
                + "            readOnlyRootFileSystem: true\n"), "a nested typo");
        assertThrows(AssertionError.class, () -> Manifests.parse(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  PORT: 8080\n"),
                "a number where a string belongs");
        assertThrows(AssertionError.class, () -> Manifests.parse(
                "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\n"),
                "a removed API version");
    }
}
