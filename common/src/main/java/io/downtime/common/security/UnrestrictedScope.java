package io.downtime.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource class (or method) whose objects are not owned by one service the caller may be scoped to, e.g.
 * integrations (an Alertmanager integration opens incidents for any service its alerts name) and webhooks (a
 * subscription without a service receives every incident): only a token without a {@value ServiceScope#CLAIM} claim
 * may use it, a scoped token gets 403 problem+json ({@link UnrestrictedScopeFilter}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface UnrestrictedScope {
}
