package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rendered SLO rules are valid Prometheus rules ({@code promtool check rules}) and behave as the SRE Workbook
 * table says on synthetic series ({@code promtool test rules}): a 20x burn pages, a 2x burn sustained for three days
 * opens a ticket only, no errors alert nothing. promtool comes from the Debian package prometheus, which
 * scripts/setup.sh installs.
 */
class PrometheusRulePromtoolTest {

    static final String SERVICE = "downtime-incident";
    static final String METRIC = "http_server_requests_seconds_count";

    static Path promtool;
    static JsonNode spec;

    @BeforeAll
    static void renderRules() {
        promtool = onPath("promtool");
        spec = Yaml.MAPPER.valueToTree(MonitoringTest.FULL.manifests().custom("PrometheusRule").get(0)).path("spec");
    }

    @Test
    void theRenderedRulesPassPromtoolsCheck(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yml");
        Yaml.write(rules, spec);
        run(dir, "check", "rules", rules.toString());
    }

    @Test
    void burnRateAlertsFireAsTheWorkbookTableSays(@TempDir Path dir) throws Exception {
        Yaml.write(dir.resolve("rules.yml"), spec);
        ObjectNode file = Yaml.emptyObject();
        file.putArray("rule_files").add("rules.yml");
        file.put("evaluation_interval", "1m");
        ArrayNode tests = file.putArray("tests");
        // 2 % of requests fail: 20x the 0.1 % budget; after 2 hours both the page and the ticket conditions hold
        tests.add(test(98, 2, 130, "120m", List.of("page", "ticket")));
        // no failures: nothing
        tests.add(test(100, 0, 130, "120m", List.of()));
        // 0.2 % fail (2x) for three days: below 3x and 6x and 14.4x, above 1x over 3d and 6h: a ticket only
        tests.add(test(998, 2, 4400, "4330m", List.of("ticket")));
        Path testFile = dir.resolve("test.yml");
        Yaml.write(testFile, file);
        run(dir, "test", "rules", testFile.toString());
    }

    /** Requests per minute: ok and failed, for minutes; the alerts expected at evalTime. */
    private static ObjectNode test(int okPerMinute, int failedPerMinute, int minutes, String evalTime,
            List<String> expected) {
        ObjectNode t = Yaml.emptyObject();
        t.put("interval", "1m");
        ArrayNode series = t.putArray("input_series");
        series.addObject().put("series", METRIC + "{service=\"" + SERVICE + "\",status=\"200\"}")
                .put("values", "0+" + okPerMinute + "x" + minutes);
        series.addObject().put("series", METRIC + "{service=\"" + SERVICE + "\",status=\"500\"}")
                .put("values", "0+" + failedPerMinute + "x" + minutes);
        ObjectNode alertTest = t.putArray("alert_rule_test").addObject();
        alertTest.put("eval_time", evalTime);
        alertTest.put("alertname", "DowntimeErrorBudgetBurn");
        ArrayNode alerts = alertTest.putArray("exp_alerts");
        for (String kind : expected) {
            JsonNode rule = alertRule(kind);
            ObjectNode alert = alerts.addObject();
            ObjectNode labels = alert.putObject("exp_labels");
            labels.put("service", SERVICE);
            rule.path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            alert.set("exp_annotations", rule.path("annotations"));
        }
        return t;
    }

    private static JsonNode alertRule(String kind) {
        for (JsonNode group : spec.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert") && rule.at("/labels/slo_alert").asText().equals(kind)
                        && rule.path("expr").asText().contains("service=\"" + SERVICE + "\"")) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no " + kind + " alert for " + SERVICE);
    }

    private static void run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("promtool did not finish: " + command);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
    }

    static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(program + " is not on the PATH: scripts/setup.sh installs it (Debian package prometheus)");
    }
}
