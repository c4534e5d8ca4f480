package io.downtime.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.downtime.sla.report.SlaReport.BurnRate;
import io.downtime.sla.report.SlaReport.BurnRates;
import io.downtime.sla.report.SlaReport.ErrorBudget;
import io.downtime.sla.report.SlaReport.Exclusion;
import io.downtime.sla.report.SlaReport.ModelLoss;
import io.downtime.sla.report.SlaReport.Money;
import io.downtime.sla.report.SlaReport.ReportOutage;

class CanonicalJsonTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static String canonical(String json) throws Exception {
        return CanonicalJson.write(MAPPER.readTree(json));
    }

    @Test
    void keysSortedRecursivelyArraysKeptNoWhitespace() throws Exception {
        assertEquals("{\"a\":{\"c\":\"x\",\"d\":[3,2,{\"y\":true,\"z\":null}]},\"b\":false,\"e\":[]}",
                canonical("""
                        { "b" : false,
                          "a" : { "d" : [ 3, 2, { "z" : null, "y" : true } ], "c" : "x" },
                          "e" : [ ] }"""));
    }

    @Test
    void namesSortByUtf16CodeUnitsAsInRfc8785() throws Exception {
        // RFC 8785 section 3.2.3: sorting by UTF-16 code units puts the emoji (surrogates D83D DE00) before U+FB33
        String json = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                canonical(json));
    }

    @Test
    void stringsEscapeOnlyQuoteBackslashAndControlCharacters() {
        JsonNode node = JsonNodeFactory.instance.textNode("\u0000\u001f\"\\/\b\t\n\f\r\u007fé€😀");
        assertEquals("\"\\u0000\\u001f\\\"\\\\/\\b\\t\\n\\f\\r\u007fé€😀\"", CanonicalJson.write(node));
    }

    @Test
    void loneSurrogatesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.write(JsonNodeFactory.instance.textNode("a\ud83d")));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.write(JsonNodeFactory.instance.textNode("\ude00b")));
    }

    @Test
    void numbersAreExactPlainDecimalsWithoutTrailingZeros() throws Exception {
        assertEquals("[1.5,1000,0,0,0,0.0000000001,-12.34,123456789012345678901234567890.000000000000000000001,7,-3]",
                canonical("[1.50, 1E+3, 0.000, -0, -0.0, 1E-10, -12.340, 123456789012345678901234567890.000000000000000000001,"
                        + " 7, -3]"));
    }

    @Test
    void sha256IsHexOfUtf8Bytes() {
        // FIPS 180-2 test vectors
        assertEquals("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CanonicalJson.sha256(""));
        assertEquals("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CanonicalJson.sha256("abc"));
    }

    static SlaReport report(boolean open, String objective, Money revenueLoss) {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-31T00:00:00Z");
        ReportOutage outage = new ReportOutage(Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-10T00:30:00.500Z"), new BigDecimal("1800.500"), "head_stale", open,
                Outage.State.DOWN, null, 7L, null);
        ReportOutage excluded = new ReportOutage(Instant.parse("2026-01-12T00:00:00Z"),
                Instant.parse("2026-01-12T00:00:30Z"), new BigDecimal("30"), "timeout", open, Outage.State.DOWN, null, 8L,
                "minOutageSeconds");
        return new SlaReport("svc", from, to, new BigDecimal(objective), "P30D", "UTC", new BigDecimal("2592000"),
                new BigDecimal("2592000"), new BigDecimal("99.930556"), new BigDecimal("1800.5"), BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("1800.5"), new BigDecimal("30"),
                List.of(new Exclusion("minOutageSeconds", new BigDecimal("30"), 1)),
                new ErrorBudget(new BigDecimal("2592"), new BigDecimal("1800.5"), new BigDecimal("791.5"),
                        new BigDecimal("69.46"), new BigDecimal("30.54")),
                revenueLoss, revenueLoss == null ? List.of() : List.of(new ModelLoss("flat", "1800.50", "USD")),
                revenueLoss == null ? List.of() : List.of(revenueLoss), BigDecimal.ZERO, null,
                new BurnRates(to, 30, "none", List.of(new BurnRate("1h", 3600, BigDecimal.ZERO, BigDecimal.ZERO)),
                        List.of()),
                1, 1, List.of(outage), List.of(excluded));
    }

    static SlaReport report(boolean open, String objective) {
        return report(open, objective, new Money("1800.50", "USD"));
    }

    @Test
    void anchoredReportIsTheCanonicalReportWithoutOpenFlags() {
        AnchoredReport anchored = AnchoredReport.of(report(true, "99.900"));
        String json = anchored.canonicalJson();
        assertEquals(CanonicalJson.sha256(json), anchored.digest());
        assertFalse(json.contains("\"open\""), json);
        assertFalse(json.contains(" ") || json.contains("\n"), "no insignificant whitespace: " + json);
        // keys sorted, decimals exact and plain, instants ISO-8601 UTC
        assertTrue(json.startsWith("{\"availabilityPercent\":99.930556,\"burnRates\":{"), json);
        assertTrue(json.contains("\"errorBudget\":{\"remainingPercent\":30.54,\"remainingSeconds\":791.5,"
                + "\"spentPercent\":69.46,\"spentSeconds\":1800.5,\"totalSeconds\":2592}"), json);
        assertTrue(json.contains("{\"end\":\"2026-01-10T00:30:00.500Z\",\"incidentId\":7,\"reason\":\"head_stale\","
                + "\"seconds\":1800.5,\"start\":\"2026-01-10T00:00:00Z\",\"state\":\"DOWN\"}"), json);
        assertTrue(json.contains("\"objectivePercent\":99.9,"), json);
        // the open flag is a property of when the report was computed, not of the period
        assertEquals(anchored, AnchoredReport.of(report(false, "99.9")));
        assertNotEquals(anchored.digest(), AnchoredReport.of(report(false, "99.95")).digest());
    }

    @Test
    void absentRevenueIsNull() {
        String canonical = AnchoredReport.of(report(false, "99.9", null)).canonicalJson();
        assertTrue(canonical.contains("\"revenueLoss\":null,"), canonical);
    }
}
