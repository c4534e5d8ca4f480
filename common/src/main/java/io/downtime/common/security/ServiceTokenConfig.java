package io.downtime.common.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The bearer token a service presents to the services it calls ({@link ServiceTokenFilter}). A JWT signed by the
 * deployment's issuer whose {@code groups} claim holds exactly the role the caller needs: {@code prober} for
 * probe-service (signals, heartbeats), {@code viewer} for sla-service (outages, incidents). Locally
 * {@code scripts/run-local.sh} mints them with {@code scripts/token.sh}; in Kubernetes they come from a Secret.
 */
@ConfigMapping(prefix = "downtime.security")
public interface ServiceTokenConfig {

    /** The token itself (env {@code DOWNTIME_SERVICE_TOKEN}); unset: no token is sent. */
    Optional<String> serviceToken();

    /**
     * A file holding the token (env {@code DOWNTIME_SERVICE_TOKEN_FILE}), e.g. a mounted Secret; takes precedence over
     * {@link #serviceToken()} and is re-read when it changes.
     */
    Optional<String> serviceTokenFile();
}
