package io.downtime.probe.service;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.probe.config.ProbeConfig;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * Rejects target URLs that would make the prober a server-side request forgery tool (OWASP API7:2023): only
 * the schemes of the target's kind ({@code http}/{@code https}, {@code tcp}, {@code ws}/{@code wss}), and no
 * host in {@code downtime.probe.deny-cidrs} (default: link-local, where cloud metadata lives) or
 * {@code downtime.probe.deny-hosts}. Literal addresses are checked here without DNS; names resolving into a
 * denied range are a known gap until resolution is checked at probe time. The http prober applies the same
 * check to every redirect it follows.
 */
@ApplicationScoped
public class SsrfGuard {

    /** The schemes of http and EVM JSON-RPC targets. */
    public static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final List<IpSubnetFilterRule> denied;
    private final List<String> deniedHosts;

    public SsrfGuard(ProbeConfig config) {
        this.denied = config.probe().denyCidrs().stream().map(cidr -> {
            String[] parts = cidr.trim().split("/");
            return new IpSubnetFilterRule(parts[0], Integer.parseInt(parts[1]), IpFilterRuleType.REJECT);
        }).toList();
        this.deniedHosts = config.probe().denyHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @throws ProblemException 422 when the URL is malformed, not http(s), or its host is denied
     */
    public URI check(String url) {
        return check(url, HTTP_SCHEMES);
    }

    /**
     * @param schemes the lower-case schemes allowed
     * @throws ProblemException 422 when the URL is malformed, its scheme not one of {@code schemes}, or its host is
     *         denied
     */
    public URI check(String url, Set<String> schemes) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("url: not a valid URI: " + e.getMessage());
        }
        refusal(uri, schemes).ifPresent(reason -> {
            throw ProblemException.unprocessable("url: " + reason);
        });
        return uri;
    }

    /** Why {@code uri} may not be probed, or empty when it may (no exception: used at probe time too). */
    public Optional<String> refusal(URI uri, Set<String> schemes) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Optional.of("scheme must be " + String.join(" or ", schemes.stream().sorted().toList()));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("a host is required");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (deniedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.of("host " + host + " is denied (downtime.probe.deny-hosts)");
        }
        if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
            InetAddress address = NetUtil.createInetAddressFromIpAddressString(bare);
            InetSocketAddress socket = new InetSocketAddress(address, 0);
            if (denied.stream().anyMatch(rule -> rule.matches(socket))) {
                return Optional.of("address " + host + " is in a denied range (downtime.probe.deny-cidrs)");
            }
        }
        return Optional.empty();
    }
}
