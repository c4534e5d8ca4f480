package io.downtime.probe.support;

import java.lang.reflect.Proxy;
import java.util.List;

import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.config.ProberConfig;
import io.downtime.probe.service.SsrfGuard;

/** Configuration for probers constructed outside Quarkus (plain JUnit tests against real servers). */
public final class ProberConfigs {

    private ProberConfigs() {
    }

    /** Prober limits with the given body cap. */
    public static ProberConfig prober(int maxBodyBytes) {
        return new ProberConfig() {
            @Override
            public int maxBodyBytes() {
                return maxBodyBytes;
            }

            @Override
            public int maxConnectionsPerHost() {
                return 64;
            }

            @Override
            public String userAgent() {
                return "downtime-probe-test";
            }
        };
    }

    /** The SSRF guard with its default deny lists (link-local, metadata host names). */
    public static SsrfGuard ssrf() {
        ProbeConfig.Probe probe = (ProbeConfig.Probe) Proxy.newProxyInstance(ProberConfigs.class.getClassLoader(),
                new Class<?>[] { ProbeConfig.Probe.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "denyCidrs" -> List.of("169.254.0.0/16", "fe80::/10");
                    case "denyHosts" -> List.of("metadata.google.internal", "metadata.goog", "metadata");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ProbeConfig config = (ProbeConfig) Proxy.newProxyInstance(ProberConfigs.class.getClassLoader(),
                new Class<?>[] { ProbeConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "probe" -> probe;
                    case "region" -> "test";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new SsrfGuard(config);
    }
}
