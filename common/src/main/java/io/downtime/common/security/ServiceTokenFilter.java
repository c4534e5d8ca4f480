package io.downtime.common.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;

/**
 * Gives every request of a REST client the service's own bearer token ({@code Authorization: Bearer <JWT>}), so that
 * service-to-service calls are authenticated like any other: probe-service calls incident-service with a
 * {@code prober} token, sla-service with a {@code viewer} token. Registered by configuration only, per REST client,
 * never globally (a token must not leak to third-party URLs such as webhook receivers):
 *
 * <pre>
 * quarkus.rest-client.incident.providers=io.downtime.common.security.ServiceTokenFilter
 * </pre>
 *
 * The token comes from {@link ServiceTokenConfig}: a file ({@code downtime.security.service-token-file}, re-read
 * when its modification time changes, so a rotated Kubernetes Secret is picked up without a restart) or a literal
 * value ({@code downtime.security.service-token}, env {@code DOWNTIME_SERVICE_TOKEN}). Without either, requests go
 * out without a token (and the callee answers 401). A request that already carries {@code Authorization} is left
 * alone. The token is never logged.
 */
@Singleton
@Unremovable // referenced only from configuration (quarkus.rest-client.<key>.providers)
public class ServiceTokenFilter implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(ServiceTokenFilter.class);

    private final ServiceTokenConfig config;
    private volatile Cached cached;
    private volatile boolean warned;

    private record Cached(FileTime modified, String token) {
    }

    public ServiceTokenFilter(ServiceTokenConfig config) {
        this.config = config;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        token().ifPresentOrElse(t -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + t), () -> {
            if (!warned) {
                warned = true;
                LOG.warn("No service token configured (DOWNTIME_SERVICE_TOKEN or DOWNTIME_SERVICE_TOKEN_FILE): calls to "
                        + request.getUri().getHost() + " go out unauthenticated");
            }
        });
    }

    /** The current token: the file's content (trimmed) when a file is configured, else the literal value. */
    Optional<String> token() {
        Optional<String> file = config.serviceTokenFile().filter(f -> !f.isBlank());
        if (file.isPresent()) {
            return Optional.of(fromFile(Path.of(file.get()))).filter(t -> !t.isBlank());
        }
        return config.serviceToken().map(String::trim).filter(t -> !t.isBlank());
    }

    private String fromFile(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Cached current = cached;
            if (current == null || !current.modified().equals(modified)) {
                current = new Cached(modified, Files.readString(file, StandardCharsets.UTF_8).trim());
                cached = current;
            }
            return current.token();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service token file " + file, e);
        }
    }
}
