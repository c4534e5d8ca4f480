package io.downtime.incident.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.domain.Component;

/**
 * Body of {@code POST /api/v1/services} (with {@code name}) and {@code PUT /api/v1/services/{name}}.
 *
 * @param name service name, non-blank, ≤ 200 characters (POST only; PUT takes it from the path)
 * @param description free text, ≤ 2000 characters
 * @param components ≤ 100 components; names unique; a target in at most one component
 * @param dependsOn ≤ 100 names of existing services; no cycles
 */
public record ServiceRequest(
        @Size(max = 200) @NoNul String name,
        @Size(max = 2000) @NoNul String description,
        @Size(max = 100) List<@Valid @NotNull ComponentRequest> components,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> dependsOn) {

    /**
     * A component: k of n redundant targets.
     *
     * @param name unique within the service, non-blank, ≤ 200 characters
     * @param minHealthy k, 1 ≤ k ≤ number of targets (422 otherwise)
     * @param targets 1 to 1000 target names (the cross-region key), each non-blank, ≤ 200 characters
     */
    public record ComponentRequest(@NotBlank @Size(max = 200) @NoNul String name, @NotNull @Min(1) Integer minHealthy,
            @NotEmpty @Size(max = 1000) List<@NotBlank @Size(max = 200) String> targets) {
    }

    /**
     * The components, checked across each other.
     *
     * @throws ProblemException 422 duplicate component name, a target in two components (or twice in one),
     *         minHealthy above the number of targets
     */
    List<Component> toComponents() {
        if (components == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        Set<String> targets = new HashSet<>();
        for (ComponentRequest c : components) {
            if (!names.add(c.name())) {
                throw ProblemException.unprocessable("components: duplicate component name '" + c.name() + "'.");
            }
            for (String t : c.targets()) {
                if (!targets.add(t)) {
                    throw ProblemException.unprocessable("components: target '" + t + "' appears more than once.");
                }
            }
            if (c.minHealthy() > c.targets().size()) {
                throw ProblemException.unprocessable("components: '" + c.name() + "' has minHealthy " + c.minHealthy()
                        + " but only " + c.targets().size() + " targets.");
            }
        }
        return components.stream().map(c -> new Component(c.name(), c.minHealthy(), List.copyOf(c.targets()))).toList();
    }

    /** @throws ProblemException 422 when it names a service twice or the service itself */
    List<String> toDependsOn(String self) {
        if (dependsOn == null) {
            return List.of();
        }
        if (new HashSet<>(dependsOn).size() != dependsOn.size()) {
            throw ProblemException.unprocessable("dependsOn names a service more than once.");
        }
        if (dependsOn.contains(self)) {
            throw ProblemException.unprocessable("dependsOn: service '" + self + "' cannot depend on itself.");
        }
        return List.copyOf(dependsOn);
    }
}
