package io.downtime.probe.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the network probers ({@code http}, {@code tcp}, {@code websocket}, {@code evm-contract}), under
 * {@code downtime.prober}.
 */
@ConfigMapping(prefix = "downtime.prober")
public interface ProberConfig {

    /**
     * Most bytes of a response body (http, JSON-RPC) or of one WebSocket message read per probe; the rest is
     * dropped and the connection closed. Default 1 MiB.
     */
    @WithDefault("1048576")
    int maxBodyBytes();

    /**
     * Most concurrent connections of the http prober to one host and port (each probe opens a fresh connection;
     * probes beyond this wait, within their timeout, for one to close).
     */
    @WithDefault("1024")
    int maxConnectionsPerHost();

    /** {@code User-Agent} of http and websocket probes (a target's own header wins). */
    @WithDefault("downtime-probe")
    String userAgent();
}
