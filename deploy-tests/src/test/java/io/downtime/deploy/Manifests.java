package io.downtime.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The objects of one {@code helm template} run, each parsed strictly into its Fabric8 model class: a field the
 * model does not know (a typo, a wrong indentation level) is an error, not an "additional property".
 */
final class Manifests {

    /** apiVersion/kind → model class: what the chart may render, in the API versions it must use. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "monitoring.coreos.com/v1/ServiceMonitor", GenericKubernetesResource.class,
            "monitoring.coreos.com/v1/PrometheusRule", GenericKubernetesResource.class);

    /** A workload and its pod template. */
    record Workload(HasMetadata object, LabelSelector selector, PodTemplateSpec template, Integer replicas) {

        String name() {
            return object.getMetadata().getName();
        }

        String component() {
            return template.getMetadata().getLabels().get("app.kubernetes.io/component");
        }

        List<Container> containers() {
            return template.getSpec().getContainers();
        }

        @Override
        public String toString() {
            return object.getKind() + "/" + name();
        }
    }

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Manifests parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : Yaml.documents(rendered)) {
            objects.add(strict(doc));
        }
        return new Manifests(List.copyOf(objects));
    }

    /** Parses one object into its model class and fails on any field the model does not define. */
    static HasMetadata strict(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError("unexpected apiVersion/kind " + key + " in\n" + doc);
        }
        HasMetadata object;
        try {
            object = Yaml.MAPPER.treeToValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(key + " does not parse strictly: " + e.getOriginalMessage() + "\n" + doc, e);
        }
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            throw new AssertionError(key + " has no metadata.name:\n" + doc);
        }
        List<String> unknown = new ArrayList<>();
        if (object instanceof GenericKubernetesResource) {
            // a custom resource: only its metadata has a model
            unknownFields(object.getMetadata(), key + " " + object.getMetadata().getName() + ".metadata", unknown);
        } else {
            unknownFields(object, key + " " + object.getMetadata().getName(), unknown);
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields unknown to the Kubernetes model: " + unknown);
        }
        return object;
    }

    /** Walks the Fabric8 object graph and collects every non-empty additionalProperties (unknown fields). */
    static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "[" + k + "]", unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class || !m.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                unknownFields(child, path + "." + field, unknown);
            }
        }
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> of(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return of(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return of(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    List<Workload> workloads() {
        Stream<Workload> deployments = of(Deployment.class).stream()
                .map(d -> new Workload(d, d.getSpec().getSelector(), d.getSpec().getTemplate(),
                        d.getSpec().getReplicas()));
        Stream<Workload> statefulSets = of(StatefulSet.class).stream()
                .map(s -> new Workload(s, s.getSpec().getSelector(), s.getSpec().getTemplate(),
                        s.getSpec().getReplicas()));
        return Stream.concat(deployments, statefulSets).toList();
    }

    Workload workload(String component) {
        List<Workload> matching = workloads().stream().filter(w -> component.equals(w.component())).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one workload of component " + component + ", got " + matching);
        }
        return matching.get(0);
    }

    /**
     * The environment a container sees: its env values (valueFrom shown as {@code <from ...>}) over the data of the
     * ConfigMaps it loads with envFrom (which must be rendered too).
     */
    Map<String, String> environment(Container container) {
        Map<String, String> env = new TreeMap<>();
        if (container.getEnvFrom() != null) {
            container.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null).forEach(e -> {
                String name = e.getConfigMapRef().getName();
                ConfigMap cm = find(ConfigMap.class, name)
                        .orElseThrow(() -> new AssertionError(container.getName() + " loads ConfigMap " + name
                                + ", which the chart does not render"));
                env.putAll(cm.getData());
            });
        }
        if (container.getEnv() != null) {
            container.getEnv().forEach(e -> env.put(e.getName(),
                    e.getValueFrom() == null ? e.getValue() : "<from " + e.getValueFrom() + ">"));
        }
        return env;
    }
}
