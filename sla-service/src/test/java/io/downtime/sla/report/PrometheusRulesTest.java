package io.downtime.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.downtime.sla.model.SlaWindow;
import io.downtime.sla.model.SliQueries;

class PrometheusRulesTest {

    static String rules(String service, String objective, String window) {
        return PrometheusRules.yaml(service, new BigDecimal(objective), SlaWindow.parse(window).orElseThrow(),
                SliQueries.defaults());
    }

    @Test
    void recordsTheSliOverEveryWindowFromTheDefaultProbeQueries() {
        String yaml = rules("demo-dex", "99.9", "P30D");
        for (String window : new String[] { "5m", "30m", "1h", "2h", "6h", "1d", "3d" }) {
            assertTrue(yaml.contains("      - record: sla:sli_error:ratio_rate" + window + "\n"), window);
            assertTrue(yaml.contains("expr: |-\n          (sum(rate(downtime_probes_total{service=\"demo-dex\",state=\"DOWN\"}["
                    + window + "])))\n          /\n          (sum(rate(downtime_probes_total{service=\"demo-dex\"}[" + window
                    + "])))\n"), yaml);
            assertTrue(yaml.contains("          window: \"" + window + "\"\n"), window);
        }
        assertTrue(yaml.contains("expr: \"vector(0.999)\""), yaml);
        assertTrue(yaml.contains("expr: \"vector(0.001)\""), yaml);
        assertTrue(yaml.contains("expr: \"vector(30)\""), yaml);
        assertTrue(yaml.contains("[30d]"), yaml);
    }

    @Test
    void alertsPageAndTicketWithTheWorkbookFactors() {
        String yaml = rules("demo-dex", "99.9", "P30D");
        assertEquals(2, yaml.split("- alert: SlaErrorBudgetBurn\n", -1).length - 1);
        assertTrue(yaml.contains("severity: \"page\""));
        assertTrue(yaml.contains("severity: \"ticket\""));
        assertTrue(yaml.contains("max(sla:sli_error:ratio_rate1h{service=\"demo-dex\"} > (14.4 * 0.001)) without (window)"),
                yaml);
        assertTrue(yaml.contains("max(sla:sli_error:ratio_rate5m{service=\"demo-dex\"} > (14.4 * 0.001))"), yaml);
        assertTrue(yaml.contains("ratio_rate6h{service=\"demo-dex\"} > (6 * 0.001)"), yaml);
        assertTrue(yaml.contains("ratio_rate30m{service=\"demo-dex\"} > (6 * 0.001)"), yaml);
        assertTrue(yaml.contains("ratio_rate1d{service=\"demo-dex\"} > (3 * 0.001)"), yaml);
        assertTrue(yaml.contains("ratio_rate3d{service=\"demo-dex\"} > (1 * 0.001)"), yaml);
        assertTrue(yaml.contains("summary: \"Service demo-dex is burning its error budget too fast (page)\""), yaml);
    }

    @Test
    void factorsScaleWithTheWindow() {
        String yaml = rules("demo-dex", "99.95", "P7D");
        assertTrue(yaml.contains("> (3.36 * 0.0005)"), yaml);
        assertTrue(yaml.contains("> (1.4 * 0.0005)"), yaml);
        assertTrue(yaml.contains("> (0.7 * 0.0005)"), yaml);
        assertTrue(yaml.contains("> (0.233333 * 0.0005)"), yaml);
        assertTrue(yaml.contains("expr: \"vector(7)\""), yaml);
        assertTrue(rules("demo-dex", "99.9", "calendar-month").contains("> (14.4 * 0.001)"));
    }

    @Test
    void customQueriesGetTheirPlaceholdersFilled() {
        String yaml = PrometheusRules.yaml("api", new BigDecimal("99"), SlaWindow.rolling(28),
                new SliQueries("sum(rate(http_requests_total{job=\"{{.service}}\",code=~\"5..\"}[{{.window}}]))",
                        "sum(rate(http_requests_total{job=\"{{.service}}\"}[{{.window}}]))"));
        assertTrue(yaml.contains("(sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[3d])))"), yaml);
        // 14.4 × 28 / 30
        assertTrue(yaml.contains("> (13.44 * 0.01)"), yaml);
    }

    @Test
    void valuesThatALiteralBlockCannotHoldAreDoubleQuoted() {
        assertEquals("|-\n  a\n    b", PrometheusRules.scalar("a\n  b", "  "));
        assertEquals("\" a\\nb\"", PrometheusRules.scalar(" a\nb", "  "));
        assertEquals("\"a\\r\\nb\"", PrometheusRules.scalar("a\r\nb", "  "));
        assertEquals("\"a\\n\"", PrometheusRules.scalar("a\n", "  "));
        assertEquals("\"one line\"", PrometheusRules.scalar("one line", "  "));
    }

    @Test
    void serviceNamesAreEscapedForPromqlAndYaml() {
        assertEquals("a\\\"b\\\\c\\n", PrometheusRules.promqlString("a\"b\\c\n"));
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u2028é\"", PrometheusRules.quote("a\"b\\c\n\u0001\u2028é"));
        String yaml = rules("we\"ird\\name", "99.9", "P30D");
        // in the PromQL string: we\"ird\\name, written as it is in a literal block
        assertTrue(yaml.contains("{service=\"we\\\"ird\\\\name\"}"), yaml);
        assertTrue(yaml.contains("          service: \"we\\\"ird\\\\name\"\n"), yaml);
    }
}
