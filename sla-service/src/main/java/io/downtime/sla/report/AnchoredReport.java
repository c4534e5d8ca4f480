package io.downtime.sla.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The document that is anchored for an {@link SlaReport}, and its digest.
 * <p>
 * The document is the report's JSON ({@code GET /api/v1/slas/{service}/report}) without the {@code open} flag of each
 * outage (counted or excluded), in {@link CanonicalJson canonical form}. {@code open} says whether an outage was still running
 * when the
 * report was computed — a property of that moment, not of the period — so it is left out; the outage is still
 * clipped to the period. Everything else is kept: instants as ISO-8601 UTC ({@link java.time.Instant#toString()},
 * e.g. {@code 2026-01-01T00:00:00Z}, {@code 2026-01-10T02:00:00.500Z}), decimals exact, money as strings, absent
 * values ({@code revenueLoss} without a revenue model) as {@code null}.
 * <p>
 * Recomputing the report of a period that has ended from the same outages and the same SLA therefore yields the same
 * bytes; a changed outage or SLA changes the digest.
 *
 * @param canonicalJson the canonical document
 * @param digest {@code 0x} + 64 lower-case hex digits: SHA-256 of the UTF-8 bytes of {@code canonicalJson}
 */
public record AnchoredReport(String canonicalJson, String digest) {

    /** Fixed serialisation, independent of the application's ObjectMapper settings. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * @param report a computed report
     * @return its anchored document and digest
     */
    public static AnchoredReport of(SlaReport report) {
        ObjectNode tree = MAPPER.valueToTree(report);
        for (String list : new String[] { "outages", "excludedOutages" }) {
            JsonNode outages = tree.get(list);
            if (outages != null) {
                outages.forEach(outage -> ((ObjectNode) outage).remove("open"));
            }
        }
        String canonical = CanonicalJson.write(tree);
        return new AnchoredReport(canonical, CanonicalJson.sha256(canonical));
    }
}
