package io.downtime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * The chart under test ({@code helm/downtime}) and its scenarios: the defaults, every {@code ci/*.yaml} and every
 * {@code regions/*.yaml} overlay. Renders are cached: one {@code helm template} per scenario for the whole run.
 */
final class Chart {

    static final String RELEASE = "downtime";
    static final String NAMESPACE = "downtime";
    /** {@code helm template} has no cluster to ask; the chart needs 1.28+ (pod-index label). */
    static final String KUBE_VERSION = "1.31.0";

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Chart() {
    }

    /** A values overlay on top of the chart's values.yaml (none for the defaults). */
    record Scenario(String name, Optional<Path> valuesFile) {

        @Override
        public String toString() {
            return name;
        }

        /** The overlay file alone (empty object for the defaults). */
        JsonNode overlay() {
            return valuesFile.map(Yaml::readTree).orElseGet(Yaml::emptyObject);
        }

        /** values.yaml with the overlay merged in, as Helm coalesces them. */
        JsonNode values() {
            return merge(Yaml.readTree(dir().resolve("values.yaml")), overlay());
        }

        /** The rendered manifests (cached). */
        Manifests manifests() {
            return RENDERED.computeIfAbsent(name, n -> Manifests.parse(render()));
        }

        String render() {
            var template = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION);
            valuesFile.ifPresent(template::withValuesFile);
            return template.call();
        }

        boolean isRegionOverlay() {
            return name.startsWith("regions/");
        }
    }

    /** The repository's root directory (surefire passes it as {@code project.rootdir}). */
    static Path root() {
        String configured = System.getProperty("project.rootdir");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("helm/downtime"))) {
                return p;
            }
        }
        throw new IllegalStateException("no helm/downtime above " + start);
    }

    static Path dir() {
        return root().resolve("helm/downtime");
    }

    static Scenario defaults() {
        return new Scenario("defaults", Optional.empty());
    }

    static Scenario scenario(String relativePath) {
        Path file = dir().resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + file);
        }
        return new Scenario(relativePath, Optional.of(file));
    }

    static List<Scenario> ciScenarios() {
        return files("ci");
    }

    static List<Scenario> regionOverlays() {
        return files("regions");
    }

    /** The defaults, every ci/ file and every region overlay. */
    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.add(defaults());
        all.addAll(ciScenarios());
        all.addAll(regionOverlays());
        return all;
    }

    private static List<Scenario> files(String folder) {
        try (Stream<Path> files = Files.list(dir().resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted(Comparator.naturalOrder())
                    .map(f -> new Scenario(folder + "/" + f.getFileName(), Optional.of(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code helm lint --strict} with the scenario's values. helm-java's lint takes no values file, so the chart is
     * copied to {@code workDir} with values.yaml replaced by the merged values (what {@code helm lint -f} checks).
     */
    static LintResult lint(Scenario scenario, Path workDir) {
        if (scenario.valuesFile().isEmpty()) {
            return new Helm(dir()).lint().strict().call();
        }
        return lint(scenario.values(), workDir);
    }

    /** {@code helm lint --strict} of the chart with these complete values. */
    static LintResult lint(JsonNode values, Path workDir) {
        Path copy = copyChart(workDir);
        Yaml.write(copy.resolve("values.yaml"), values);
        return new Helm(copy).lint().strict().call();
    }

    static Path copyChart(Path workDir) {
        Path source = dir();
        Path target = workDir.resolve("downtime");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Helm's coalescing of a values file onto the defaults: maps merge key by key, anything else (lists, scalars)
     * replaces, and {@code null} deletes the key.
     */
    static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!(base instanceof ObjectNode) || !(overlay instanceof ObjectNode)) {
            return overlay.deepCopy();
        }
        ObjectNode merged = ((ObjectNode) base).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof NullNode) {
                merged.remove(e.getKey());
            } else if (merged.has(e.getKey())) {
                merged.set(e.getKey(), merge(merged.get(e.getKey()), e.getValue()));
            } else {
                merged.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return merged;
    }
}
