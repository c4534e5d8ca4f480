package io.downtime.incident.integration;

import java.util.Locale;

/** The tools that send events to incident-service. JSON as lower case ({@code pagerduty}, {@code alertmanager}). */
public enum IntegrationKind {
    /** A PagerDuty Events API v2 client: {@code POST /v2/enqueue}, authenticated by {@code routing_key}. */
    PAGERDUTY,
    /** Prometheus Alertmanager's webhook: {@code POST /api/v1/integrations/alertmanager}, bearer token. */
    ALERTMANAGER;

    /** @return the kind named (any case), or null when the name is unknown */
    public static IntegrationKind parse(String name) {
        if (name == null) {
            return null;
        }
        for (IntegrationKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name.strip())) {
                return kind;
            }
        }
        return null;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
