package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The chart's README documents every value (and no value that does not exist), failover and sharding. */
class ChartReadmeTest {

    /** A row of the values table: "| `path` | ...". */
    static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9_.\\[\\]-]+)` \\|", Pattern.MULTILINE);

    @Test
    void theValuesTableListsExactlyTheValues() throws IOException {
        String readme = Files.readString(Chart.dir().resolve("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> values = new TreeSet<>();
        leaves("", Yaml.readTree(Chart.dir().resolve("values.yaml")), values);
        Set<String> missing = new TreeSet<>(values);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(values);
        assertEquals(Set.of(), missing, "values missing from README.md's table");
        assertEquals(Set.of(), stale, "README.md documents values that do not exist");
    }

    @Test
    void theReadmeExplainsFailoverShardingEgressAndAnchoring() throws IOException {
        String readme = Files.readString(Chart.dir().resolve("README.md"));
        for (String needle : new String[] { "## Failover", "## Probe sharding", "regionRole", "standbyReplicas",
                "DOWNTIME_PROBE_SHARD_COUNT", "apps.kubernetes.io/pod-index", "Egress is not restricted",
                "## Verifiable reports", "DOWNTIME_SLA_ANCHOR_PRIVATE_KEY", "secretKeyRef" }) {
            assertTrue(readme.contains(needle), "README.md should cover " + needle);
        }
    }

    /** Kubernetes objects passed through as they are: documented as one value. */
    static final Set<String> OPAQUE = Set.of("podSecurityContext", "containerSecurityContext", "resources",
            "namespaceSelector", "podSelector");

    /** Leaf paths: scalars, lists, empty maps and pass-through Kubernetes objects; other maps recurse. */
    static void leaves(String prefix, JsonNode node, Set<String> out) {
        String last = prefix.substring(prefix.lastIndexOf('.') + 1);
        if (node.isObject() && !node.isEmpty() && !OPAQUE.contains(last)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.add(prefix);
        }
    }
}
