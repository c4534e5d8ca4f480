package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chart and the manifests quarkus-kubernetes generates from each service's application.properties agree on the
 * HTTP port, the management port and the three health probes (path and port: the management interface). The generated manifests
 * are read from the reviewed copy
 * {@code k8s/base/<service>.yml}, else from the build output {@code <service>/target/kubernetes/kubernetes.yml}.
 */
class QuarkusManifestAgreementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "probe-service", "incident-service", "sla-service" })
    void chartAndQuarkusManifestsAgreeOnPortAndHealthProbes(String service) {
        Path manifest = quarkusManifest(service);
        JsonNode quarkusContainer = container(Yaml.documents(read(manifest)), service, manifest.toString());
        JsonNode chartContainer = container(Yaml.documents(Chart.defaults().render()), service, "the chart");
        assertEquals(facts(quarkusContainer, manifest.toString()), facts(chartContainer, "the chart"),
                service + ": " + manifest + " (left) vs helm/downtime (right)");
    }

    /** k8s/base/<service>.yml, else <service>/target/kubernetes/kubernetes.yml; neither is a failure, not a skip. */
    static Path quarkusManifest(String service) {
        Path root = Chart.root();
        List<Path> candidates = List.of(root.resolve("k8s/base/" + service + ".yml"),
                root.resolve(service + "/target/kubernetes/kubernetes.yml"));
        Optional<Path> found = candidates.stream().filter(Files::isRegularFile).findFirst();
        if (found.isEmpty()) {
            fail("no quarkus-kubernetes manifest for " + service + ": looked for " + candidates
                    + ". Generate it with `./mvnw -pl " + service + " -am package -DskipTests` (quarkus-kubernetes "
                    + "writes target/kubernetes/kubernetes.yml) or commit the rendered copy to k8s/base/.");
        }
        return found.get();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's container in its Deployment or StatefulSet. */
    static JsonNode container(List<JsonNode> documents, String service, String source) {
        List<JsonNode> containers = documents.stream()
                .filter(d -> List.of("Deployment", "StatefulSet").contains(d.path("kind").asText()))
                .flatMap(d -> stream(d.at("/spec/template/spec/containers")))
                .filter(c -> service.equals(c.path("name").asText())).toList();
        if (containers.size() != 1) {
            fail(source + ": expected one container named " + service + " in a Deployment or StatefulSet, found "
                    + containers.size());
        }
        return containers.get(0);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** containerPort of the "http" port and, per probe, "path:port" with a named port resolved to its number. */
    static Map<String, String> facts(JsonNode container, String source) {
        Map<String, Integer> namedPorts = new TreeMap<>();
        stream(container.path("ports")).forEach(p -> namedPorts.put(p.path("name").asText(),
                p.path("containerPort").asInt()));
        Map<String, String> facts = new TreeMap<>();
        Integer http = namedPorts.get("http");
        if (http == null) {
            fail(source + ": no container port named http: " + namedPorts);
        }
        facts.put("containerPort", String.valueOf(http));
        facts.put("managementPort", String.valueOf(namedPorts.get("management")));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            if (get.isMissingNode()) {
                fail(source + ": " + container.path("name").asText() + " has no HTTP " + probe);
            }
            JsonNode port = get.path("port");
            int number = port.isInt() ? port.asInt() : namedPorts.getOrDefault(port.asText(), -1);
            facts.put(probe, get.path("path").asText() + ":" + number);
        }
        return facts;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "named", "numbered" })
    void namedAndNumberedProbePortsCompareEqual(String style) {
        // the comparison itself: a probe on port "http" and one on 8082 are the same fact
        ObjectNode c = (ObjectNode) Yaml.readTree("name: incident-service\nports:\n  - name: http\n"
                + "    containerPort: 8082\n");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            ObjectNode get = c.putObject(probe).putObject("httpGet");
            get.put("path", "/q/health/x");
            if (style.equals("named")) {
                get.put("port", "http");
            } else {
                get.put("port", 8082);
            }
        }
        assertEquals("/q/health/x:8082", facts(c, style).get("livenessProbe"));
        assertEquals("8082", facts(c, style).get("containerPort"));
    }
}
