package io.downtime.common.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, from the verified bearer token of the current request: the subject ({@link #name()}) recorded as the
 * actor of what the caller does, and the {@link ServiceScope} of objects they may see and act on. Request-scoped;
 * resources read it on the request thread and pass the plain values to their services.
 */
@RequestScoped
public class Caller {

    private SecurityIdentity identity;
    private ServiceScope scope;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * @return the scope from the token's {@value ServiceScope#CLAIM} claim (see {@link ServiceScope#fromClaim});
     *         unrestricted for a request without a token (only public or integration-key paths have none)
     */
    public ServiceScope scope() {
        if (scope == null) {
            scope = identity.getPrincipal() instanceof JsonWebToken jwt
                    ? ServiceScope.fromClaim(jwt.getClaim(ServiceScope.CLAIM))
                    : ServiceScope.unrestricted();
        }
        return scope;
    }

    /**
     * @return the token's subject as SmallRye JWT names it ({@code upn}, else {@code preferred_username}, else
     *         {@code sub}); null without a token or name
     */
    public String name() {
        if (identity.isAnonymous() || identity.getPrincipal() == null) {
            return null;
        }
        String name = identity.getPrincipal().getName();
        return name == null || name.isBlank() ? null : name.strip();
    }
}
