package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;

/** The optional ServiceMonitor and the SLO burn-rate PrometheusRule (SRE Workbook, multi-window multi-burn-rate). */
class MonitoringTest {

    static final Chart.Scenario FULL = Chart.scenario("ci/full-values.yaml");

    /** One "ratio_rate<window>{...} > (<factor> * (1 - <objective>))" condition of an alert. */
    static final Pattern CONDITION = Pattern
            .compile("ratio_rate(\\w+)\\{([^}]*)\\} > \\(([0-9.]+) \\* \\(1 - ([0-9.]+)\\)\\)");

    static final Pattern AND = Pattern.compile("\\band\\b");

    @Test
    void monitoringObjectsAreOptional() {
        Manifests defaults = Chart.defaults().manifests();
        assertTrue(defaults.custom("ServiceMonitor").isEmpty());
        assertTrue(defaults.custom("PrometheusRule").isEmpty());
        assertEquals(1, FULL.manifests().custom("ServiceMonitor").size());
        assertEquals(1, FULL.manifests().custom("PrometheusRule").size());
    }

    @Test
    void theServiceMonitorScrapesTheMetricsOfExactlyTheThreeServices() {
        Manifests m = FULL.manifests();
        JsonNode sm = Yaml.MAPPER.valueToTree(m.custom("ServiceMonitor").get(0));
        assertEquals("kube-prometheus-stack", sm.at("/metadata/labels/release").asText(), "additionalLabels");
        LabelSelector selector = Yaml.MAPPER.convertValue(sm.at("/spec/selector"), LabelSelector.class);
        List<Service> selected = m.of(Service.class).stream()
                .filter(s -> Selectors.matches(selector, s.getMetadata().getLabels())).toList();
        assertEquals(Set.of("probe", "incident", "sla"), selected.stream()
                .map(s -> s.getMetadata().getLabels().get("app.kubernetes.io/component")).collect(Collectors.toSet()));
        assertEquals(3, selected.size(), "the headless Service would scrape probe-service twice: " + selected.stream()
                .map(s -> s.getMetadata().getName()).toList());
        assertEquals(List.of(Chart.NAMESPACE), Yaml.MAPPER.convertValue(sm.at("/spec/namespaceSelector/matchNames"),
                List.class));
        JsonNode endpoints = sm.at("/spec/endpoints");
        assertEquals(1, endpoints.size());
        String port = endpoints.get(0).path("port").asText();
        assertEquals("/q/metrics", endpoints.get(0).path("path").asText());
        assertEquals("15s", endpoints.get(0).path("interval").asText());
        for (Service s : selected) {
            assertTrue(s.getSpec().getPorts().stream().anyMatch(p -> port.equals(p.getName())),
                    s.getMetadata().getName() + " has no port " + port);
        }
    }

    @Test
    void everyObjectiveGetsRecordingRulesAndThePageAndTicketBurnRateAlerts() {
        GenericKubernetesResource rule = FULL.manifests().custom("PrometheusRule").get(0);
        JsonNode spec = Yaml.MAPPER.valueToTree(rule).path("spec");
        JsonNode values = FULL.values().path("prometheusRule");
        String metric = values.path("metric").asText();
        Map<String, Double> objectives = new HashMap<>();
        values.path("objectives").forEach(o -> objectives.put(o.path("service").asText(), o.path("objective").asDouble()));
        assertEquals(2, objectives.size(), "the full scenario lists two objectives");

        Map<String, List<JsonNode>> rulesByService = new HashMap<>();
        for (JsonNode group : spec.path("groups")) {
            for (JsonNode r : group.path("rules")) {
                String service = objectives.keySet().stream()
                        .filter(s -> r.path("expr").asText().contains("service=\"" + s + "\"")).findFirst()
                        .orElseThrow(() -> new AssertionError("rule for no listed service: " + r));
                rulesByService.computeIfAbsent(service, k -> new ArrayList<>()).add(r);
            }
        }
        assertEquals(objectives.keySet(), rulesByService.keySet());

        for (var entry : objectives.entrySet()) {
            String service = entry.getKey();
            List<JsonNode> rules = rulesByService.get(service);
            Set<String> recorded = new HashSet<>();
            for (JsonNode r : rules) {
                if (r.has("record")) {
                    String window = r.path("record").asText().replaceAll(".*ratio_rate", "");
                    recorded.add(window);
                    String expr = r.path("expr").asText();
                    assertTrue(expr.contains(metric + "{service=\"" + service + "\",status=~\"5..\"}[" + window + "]"),
                            "errors over " + window + ": " + expr);
                    assertTrue(expr.contains(metric + "{service=\"" + service + "\"}[" + window + "]"),
                            "total over " + window + ": " + expr);
                }
            }
            assertEquals(Set.of("5m", "30m", "1h", "2h", "6h", "1d", "3d"), recorded, service + " windows");

            Map<String, JsonNode> alerts = rules.stream().filter(r -> r.has("alert"))
                    .collect(Collectors.toMap(r -> r.at("/labels/slo_alert").asText(), r -> r));
            assertEquals(Set.of("page", "ticket"), alerts.keySet(), service);
            assertEquals("critical", alerts.get("page").at("/labels/severity").asText());
            assertEquals("warning", alerts.get("ticket").at("/labels/severity").asText());
            // SRE Workbook table 5-8: page 14.4x over 1h AND 5m, or 6x over 6h AND 30m;
            // ticket 3x over 1d AND 2h, or 1x over 3d AND 6h
            assertEquals(Set.of(List.of("1h:14.4", "5m:14.4"), List.of("6h:6", "30m:6")),
                    conditions(alerts.get("page"), service, entry.getValue()), service + " page");
            assertEquals(Set.of(List.of("1d:3", "2h:3"), List.of("3d:1", "6h:1")),
                    conditions(alerts.get("ticket"), service, entry.getValue()), service + " ticket");
        }
    }

    /** The alert's expression as its "or" branches, each the list of "window:factor" conditions joined by "and". */
    private static Set<List<String>> conditions(JsonNode alert, String service, double objective) {
        String expr = alert.path("expr").asText();
        Set<List<String>> branches = new HashSet<>();
        for (String branch : expr.split("\\bor\\b")) {
            assertTrue(AND.matcher(branch).find(), "each branch needs both windows: " + branch);
            List<String> conditions = new ArrayList<>();
            Matcher m = CONDITION.matcher(branch);
            while (m.find()) {
                assertEquals("service=\"" + service + "\"", m.group(2), expr);
                assertEquals(objective, Double.parseDouble(m.group(4)), 1e-12, expr);
                String factor = m.group(3).replaceAll("\\.0$", "");
                conditions.add(m.group(1) + ":" + factor);
            }
            branches.add(conditions);
        }
        return branches;
    }
}
