package io.downtime.sla.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource whose objects all belong to the service named by its {@code {service}} path parameter
 * ({@code /api/v1/slas/{service}/…}): {@link ServiceScopeFilter} applies the token's object-level scope to it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ServiceInPath {
}
