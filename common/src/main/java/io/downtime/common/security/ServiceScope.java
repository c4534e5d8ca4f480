package io.downtime.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.downtime.common.problem.ProblemException;

/**
 * The services a caller may see and act on (OWASP API1:2023, object-level authorization), from the bearer token's
 * {@value #CLAIM} claim, a JSON array of service names, e.g. {@code "services": ["dex", "bridge"]}:
 * <ul>
 * <li>claim absent: <b>unrestricted</b>, every service (every token made before the claim existed);</li>
 * <li>an array of strings: only those services ({@code []}: none);</li>
 * <li>anything else (a number, an object, an array holding a non-string): <b>no service</b> — a malformed scope fails
 * closed rather than open.</li>
 * </ul>
 * Roles still decide <em>what</em> a caller may do (see {@link RolePolicies}); the scope decides <em>on which
 * objects</em>. An object outside the scope is answered like an unknown one ({@link #requireVisible}: 404
 * problem+json, so its existence does not leak); a write that names a service outside the scope, or an object that
 * belongs to every service at once, is refused with 403 problem+json ({@link #requireWritable},
 * {@link #requireUnrestricted}). Immutable and thread-safe: resources take it from the request-scoped {@link Caller}
 * on the request thread and hand it to their services.
 */
public final class ServiceScope {

    /** Name of the JWT claim holding the scope. */
    public static final String CLAIM = "services";

    private static final ServiceScope UNRESTRICTED = new ServiceScope(null);
    private static final ServiceScope NONE = new ServiceScope(Set.of());

    /** null: unrestricted. */
    private final Set<String> services;

    private ServiceScope(Set<String> services) {
        this.services = services;
    }

    /** @return the scope of a token without the claim: every service */
    public static ServiceScope unrestricted() {
        return UNRESTRICTED;
    }

    /** @return a scope of exactly these services (none when empty) */
    public static ServiceScope of(Collection<String> services) {
        return new ServiceScope(Set.copyOf(new TreeSet<>(services)));
    }

    /**
     * Reads the claim's value as SmallRye JWT gives it ({@code JsonWebToken.getClaim("services")}: a
     * {@link JsonArray}, or already a {@link Collection} of strings).
     *
     * @param claim the claim's value, null when the token has none
     * @return unrestricted for null; the named services for an array of strings; no service for anything else
     */
    public static ServiceScope fromClaim(Object claim) {
        if (claim == null || claim == JsonValue.NULL) {
            return UNRESTRICTED;
        }
        if (!(claim instanceof Collection<?> values)) {
            return NONE;
        }
        Set<String> names = new TreeSet<>();
        for (Object value : values) {
            if (value instanceof JsonString s) {
                names.add(s.getString());
            } else if (value instanceof String s) {
                names.add(s);
            } else {
                return NONE;
            }
        }
        return of(names);
    }

    /** @return true when the token carries no {@value #CLAIM} claim */
    public boolean isUnrestricted() {
        return services == null;
    }

    /** @return the services of a restricted scope (sorted); empty when unrestricted (for SQL {@code in} filters) */
    public Optional<Set<String>> services() {
        return Optional.ofNullable(services);
    }

    /**
     * @param service a service name; null stands for "every service" (e.g. a maintenance window of all services)
     * @return true when the caller may see and act on objects of {@code service}; a null service only for an
     *         unrestricted caller
     */
    public boolean allows(String service) {
        return services == null || service != null && services.contains(service);
    }

    /** @return the elements of {@code items} whose service ({@code serviceOf}) is {@link #allows allowed}, in order */
    public <T> List<T> filter(Collection<T> items, Function<T, String> serviceOf) {
        return services == null ? List.copyOf(items)
                : items.stream().filter(item -> allows(serviceOf.apply(item))).toList();
    }

    /**
     * For reads and actions on an existing object: outside the scope it does not exist for this caller.
     *
     * @param service the object's service
     * @param notFound the 404 problem an unknown id or name gets (so both answers are the same)
     * @throws ProblemException {@code notFound.get()} when {@code service} is not {@link #allows allowed}
     */
    public void requireVisible(String service, Supplier<ProblemException> notFound) {
        if (!allows(service)) {
            throw notFound.get();
        }
    }

    /**
     * For writes that name the service in the request (a body field or the path of a create-or-replace): answered
     * the same whether or not the object exists, so nothing leaks.
     *
     * @throws ProblemException 403 when {@code service} is not {@link #allows allowed} (null: all services, only for
     *         an unrestricted caller)
     */
    public void requireWritable(String service) {
        if (!allows(service)) {
            throw forbidden(service == null
                    ? "Objects of every service need a token without a '" + CLAIM + "' claim."
                    : "The token's '" + CLAIM + "' claim does not include service '" + service + "'.");
        }
    }

    /**
     * For configuration that is not bound to one service the caller owns (e.g. integrations, webhooks).
     *
     * @param what what is being configured (e.g. a path), for the problem's detail
     * @throws ProblemException 403 unless {@link #isUnrestricted()}
     */
    public void requireUnrestricted(String what) {
        if (services != null) {
            throw forbidden(what + " needs a token without a '" + CLAIM + "' claim (not restricted to some services).");
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    @Override
    public String toString() {
        return services == null ? "ServiceScope[*]" : "ServiceScope" + services;
    }
}
