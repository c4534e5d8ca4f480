package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code GET /api/v1/slas/{service}/prometheus-rules}, checked by Prometheus' own {@code promtool}: {@code check
 * rules} accepts the file, and {@code test rules} replays synthetic probe counters through it — a 2-minute total
 * outage after 40 clean hours pages but opens no ticket, a slow 0.5 % burn opens a ticket but does not page. Skipped (with
 * the reason) when {@code promtool} is not installed; {@code scripts/setup.sh} installs it (Debian package
 * {@code prometheus}).
 */
@QuarkusTest
class PrometheusRulesResourceTest {

    Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("prometheus-rules");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static String promtool() {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(folder, "promtool");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    static String put(String service, String sla) {
        given().contentType(ContentType.JSON).body(sla)
                .when().put("/api/v1/slas/{service}", service)
                .then().statusCode(201);
        return given().when().get("/api/v1/slas/{service}/prometheus-rules", service)
                .then().statusCode(200)
                .contentType(startsWith("text/yaml"))
                .extract().asString();
    }

    /** Runs promtool; returns its output, failing the test on a non-zero exit. */
    static String run(Path dir, String... args) throws IOException, InterruptedException {
        String promtool = promtool();
        List<String> command = new java.util.ArrayList<>(List.of(promtool));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    @Test
    void unknownServiceIs404() {
        given().when().get("/api/v1/slas/svc-" + UUID.randomUUID() + "/prometheus-rules")
                .then().statusCode(404)
                .contentType(SlaResourceTest.PROBLEM);
    }

    @Test
    void promtoolAcceptsTheRulesOfDifferentWindowsQueriesAndServiceNames() throws Exception {
        assumeTrue(promtool() != null, "promtool not installed (Debian package prometheus; scripts/setup.sh installs it)");
        String[] slas = {
                "{\"objective\":99.9,\"window\":\"P30D\"}",
                "{\"objective\":99.95,\"window\":\"P7D\"}",
                "{\"objective\":99.5,\"window\":\"calendar-week\",\"timeZone\":\"Asia/Tokyo\"}",
                """
                        {"objective":99.99,"window":"calendar-month",
                         "sli":{"errorQuery":"sum(rate(http_requests_total{job=\\"{{.service}}\\",code=~\\"5..\\"}[{{.window}}]))",
                                "totalQuery":"sum(rate(http_requests_total{job=\\"{{.service}}\\"}[{{.window}}]))"}}""" };
        for (int i = 0; i < slas.length; i++) {
            String service = (i == 3 ? "svc-\"quoted\"-" : "svc-") + UUID.randomUUID();
            Files.writeString(dir.resolve("rules" + i + ".yml"), put(service, slas[i]));
            String output = run(dir, "check", "rules", "rules" + i + ".yml");
            assertEquals(true, output.contains("SUCCESS: 16 rules found"), output);
        }
    }

    @Test
    void promtoolReplaysAPageAndATicket() throws Exception {
        assumeTrue(promtool() != null, "promtool not installed (Debian package prometheus; scripts/setup.sh installs it)");
        String service = "svc-" + UUID.randomUUID();
        Files.writeString(dir.resolve("rules.yml"), put(service, "{\"objective\":99.9,\"window\":\"P30D\"}"));
        String series = "downtime_probes_total{service=\"" + service + "\",state=\"%s\"}";
        String summary = "Service " + service + " is burning its error budget too fast (%s)";
        String description = "SLO 99.9 %% over P30D of service " + service
                + ": error budget burn rate above %s (Google SRE Workbook ch. 5, table 5-8).";
        String page = "14.4x over 1h and 5m, or 6x over 6h and 30m";
        String ticket = "3x over 1d and 2h, or 1x over 3d and 6h";
        String test = """
                rule_files:
                  - rules.yml
                evaluation_interval: 1m
                tests:
                  # 40 hours of probes once a second, all up; then 2 minutes all down, then up again
                  - interval: 1m
                    input_series:
                      - series: '%1$s'
                        values: '0+60x2400 144000x1 144060+60x10'
                      - series: '%2$s'
                        values: '0x2400 60+60x1 120x11'
                    alert_rule_test:
                      # before the outage: nothing
                      - eval_time: 2400m
                        alertname: SlaErrorBudgetBurn
                        exp_alerts: []
                      # 3 minutes after it began: 2 min of 1 h is 3.3 %% > 14.4 × 0.1 %%, and 2 of the last 5 min;
                      # but 2 min of a day is 0.14 %% < 3 × 0.1 %% and of the 40 h 0.083 %% < 1 × 0.1 %%: page, no ticket
                      - eval_time: 2405m
                        alertname: SlaErrorBudgetBurn
                        exp_alerts:
                          - exp_labels:
                              severity: page
                              service: '%3$s'
                            exp_annotations:
                              summary: '%4$s'
                              description: '%5$s'
                  # a slow burn: 0.5 %% of the probes fail for 25 hours
                  - interval: 1m
                    input_series:
                      - series: '%1$s'
                        values: '0+995x1500'
                      - series: '%2$s'
                        values: '0+5x1500'
                    alert_rule_test:
                      # 0.5 %% > 3 × 0.1 %% over 1 day and 2 h: a ticket; 0.5 %% < 6 × 0.1 %%: no page
                      - eval_time: 1500m
                        alertname: SlaErrorBudgetBurn
                        exp_alerts:
                          - exp_labels:
                              severity: ticket
                              service: '%3$s'
                            exp_annotations:
                              summary: '%6$s'
                              description: '%7$s'
                """.formatted(series.formatted("UP"), series.formatted("DOWN"), service, summary.formatted("page"),
                description.formatted(page), summary.formatted("ticket"), description.formatted(ticket));
        Files.writeString(dir.resolve("test.yml"), test);
        String output = run(dir, "test", "rules", "test.yml");
        assertEquals(true, output.contains("SUCCESS"), output);
    }

    @Test
    void rulesNameTheServiceAndSeverities() {
        String service = "svc-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"objective\":99.9,\"window\":\"P30D\"}")
                .when().put("/api/v1/slas/" + service)
                .then().statusCode(201);
        given().when().get("/api/v1/slas/" + service + "/prometheus-rules")
                .then().statusCode(200)
                .body(containsString("- alert: SlaErrorBudgetBurn"))
                .body(containsString("severity: \"page\""))
                .body(containsString("severity: \"ticket\""))
                .body(containsString("service: \"" + service + "\""));
    }
}
