package io.downtime.common.validation;

import java.lang.annotation.ElementType;

import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

/**
 * The Bean Validation {@link TraversableResolver} of every Downtime service (Quarkus' Hibernate Validator extension
 * uses a bean of this type when there is one): every property is reachable and cascadable.
 * <p>
 * Without it, Quarkus installs a resolver that asks the persistence layer whether each constrained property of each
 * validated object is loaded, because Hibernate ORM is present. Only request DTOs (records) carry constraints here; no
 * entity has a constraint or a lazy association, so that question is always "yes" and only costs time: in the issue 7
 * signal benchmark ({@code scripts/bench/signals-wrk.sh}, 5,000 signals/s) the persistence check and the per-property
 * result cache built around it were about 4 % of incident-service's CPU samples (JFR), for the 25 constraints of one
 * signal. An entity that gets constraints on a lazy association must bring back a loading-aware resolver.
 */
@Singleton
public class TraverseAllResolver implements TraversableResolver {

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
