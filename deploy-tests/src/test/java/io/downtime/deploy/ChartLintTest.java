package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;

/** {@code helm lint --strict} of the chart with its defaults, every ci/ scenario and every region overlay. */
class ChartLintTest {

    static List<Chart.Scenario> scenarios() {
        return Chart.all();
    }

    @Test
    void scenariosAndRegionOverlaysArePresent() {
        Set<String> ci = Chart.ciScenarios().stream().map(Chart.Scenario::name).collect(Collectors.toSet());
        assertTrue(ci.containsAll(Set.of("ci/minimal-values.yaml", "ci/full-values.yaml", "ci/standby-values.yaml",
                "ci/multi-probe-values.yaml")), "ci scenarios: " + ci);
        Set<String> regions = Chart.regionOverlays().stream().map(Chart.Scenario::name).collect(Collectors.toSet());
        assertEquals(Set.of("regions/us-east-1.yaml", "regions/eu-west-1.yaml", "regions/ap-southeast-1.yaml"),
                regions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void lintsStrictly(Chart.Scenario scenario, @TempDir Path work) {
        LintResult result = Chart.lint(scenario, work);
        assertFalse(result.isFailed(), () -> scenario + ": " + result.getMessages());
        List<String> problems = result.getMessages().stream()
                .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]")).toList();
        assertEquals(List.of(), problems, scenario + ": lint warnings");
    }

    /** The schema is strict: each of these mistakes in a values file must fail the lint. */
    static Stream<Object[]> mistakes() {
        return Stream.of(
                new Object[] { "replicas as a string", "probe.replicas", "\"two\"" },
                new Object[] { "a typo in a key", "probe.replica", "2" },
                new Object[] { "an unknown region role", "regionRole", "secondary" },
                new Object[] { "zero probe replicas", "probe.replicas", "0" },
                new Object[] { "root allowed", "containerSecurityContext.runAsNonRoot", "false" },
                new Object[] { "writable root filesystem", "containerSecurityContext.readOnlyRootFilesystem", "false" },
                new Object[] { "no CPU request", "incident.resources.requests", "{memory: 1Gi}" },
                new Object[] { "a numeric extra env value", "sla.extraEnv", "{FOO: 1}" },
                new Object[] { "an objective in percent", "prometheusRule.objectives",
                        "[{service: downtime-sla, objective: 99.9}]" },
                new Object[] { "PrometheusRule without objectives", "prometheusRule.enabled", "true" },
                new Object[] { "an API client with an unknown field", "networkPolicy.apiClients.from",
                        "[{podSelectr: {}}]" },
                new Object[] { "a chain id as a string", "sla.anchor.chainId", "\"1\"" },
                new Object[] { "a chain id of zero", "sla.anchor.chainId", "0" },
                new Object[] { "an unknown anchor setting", "sla.anchor.privateKey", "\"0xabc\"" },
                new Object[] { "the anchor private key in the ConfigMap", "sla.extraEnv",
                        "{DOWNTIME_SLA_ANCHOR_PRIVATE_KEY: \"0xabc\"}" },
                new Object[] { "the anchor RPC URL in the ConfigMap", "sla.extraEnv",
                        "{DOWNTIME_SLA_ANCHOR_RPC_URL: \"https://rpc.example.com/key\"}" });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void schemaRejects(String mistake, String path, String yamlValue, @TempDir Path work) {
        JsonNode values = Chart.defaults().values();
        set((ObjectNode) values, path, Yaml.readTree(yamlValue));
        LintResult result = Chart.lint(values, work);
        assertTrue(result.isFailed(), () -> mistake + " passed the lint: " + result.getMessages());
    }

    @Test
    void theDefaultsPassTheSameCopiedLint(@TempDir Path work) {
        // the copy-and-replace-values.yaml route itself lints clean: the failures above are the mistakes'
        LintResult result = Chart.lint(Chart.defaults().values(), work);
        assertFalse(result.isFailed(), () -> result.getMessages().toString());
    }

    private static void set(ObjectNode root, String dottedPath, JsonNode value) {
        String[] keys = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (ObjectNode) node.get(keys[i]);
        }
        node.set(keys[keys.length - 1], value);
    }
}
