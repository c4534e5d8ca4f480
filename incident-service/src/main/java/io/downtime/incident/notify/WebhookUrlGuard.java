package io.downtime.incident.notify;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.downtime.common.problem.ProblemException;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Keeps webhook deliveries from becoming a server-side request forgery tool (OWASP API7:2023): only {@code http} and
 * {@code https} URLs without credentials; no host in {@code downtime.webhooks.deny-hosts}; no address in
 * {@code downtime.webhooks.deny-cidrs} unless it is in {@code allow-cidrs}. A literal address is checked when the
 * subscription is saved (422); a host name is resolved at every delivery and every address it resolves to is checked,
 * and the request then goes to the checked address (so a DNS answer that changes between check and connect cannot
 * redirect it). Redirects are not followed.
 */
@ApplicationScoped
public class WebhookUrlGuard {

    /** A delivery refused by the guard. */
    public static class BlockedException extends RuntimeException {
        BlockedException(String message) {
            super(message);
        }
    }

    private final List<IpSubnetFilterRule> denied;
    private final List<IpSubnetFilterRule> allowed;
    private final List<String> deniedHosts;
    private final Vertx vertx;

    @Inject
    public WebhookUrlGuard(WebhooksConfig config, Vertx vertx) {
        this(config.denyCidrs(), config.allowCidrs().orElse(List.of()), config.denyHosts(), vertx);
    }

    WebhookUrlGuard(List<String> denyCidrs, List<String> allowCidrs, List<String> denyHosts, Vertx vertx) {
        this.denied = rules(denyCidrs, IpFilterRuleType.REJECT);
        this.allowed = rules(allowCidrs, IpFilterRuleType.ACCEPT);
        this.deniedHosts = denyHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        this.vertx = vertx;
    }

    /**
     * Validates a webhook URL as it is saved.
     *
     * @return the parsed URL
     * @throws ProblemException 422 when malformed, not http(s), with credentials, or its host is denied
     */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (Exception e) {
            throw ProblemException.unprocessable("url: not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ProblemException.unprocessable("url: scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ProblemException.unprocessable("url: an absolute URL with a host is required");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.unprocessable("url: must not contain credentials (deliveries are signed with the secret)");
        }
        String host = bare(uri.getHost());
        if (deniedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw ProblemException.unprocessable("url: host " + uri.getHost() + " is denied (downtime.webhooks.deny-hosts)");
        }
        if (isLiteral(host) && !allowed(literal(host))) {
            throw ProblemException.unprocessable(
                    "url: address " + uri.getHost() + " is in a denied range (downtime.webhooks.deny-cidrs)");
        }
        return uri;
    }

    /**
     * Resolves the host of a saved URL for one delivery (off the event loop) and checks every address.
     *
     * @return the first address, to connect to; a failed {@code Uni} with {@link BlockedException} when the host or
     *         any of its addresses is denied, or {@link UnknownHostException}
     */
    public Uni<InetAddress> resolve(URI uri) {
        String host = bare(uri.getHost());
        if (deniedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Uni.createFrom().failure(new BlockedException("host " + host + " is denied"));
        }
        Uni<InetAddress[]> addresses = isLiteral(host) ? Uni.createFrom().item(new InetAddress[] { literal(host) })
                : vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        return InetAddress.getAllByName(host);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException("unknown host " + host, e);
                    }
                }));
        return addresses.map(all -> {
            for (InetAddress address : all) {
                if (!allowed(address)) {
                    throw new BlockedException("host " + host + " resolves to " + address.getHostAddress()
                            + ", in a denied range (downtime.webhooks.deny-cidrs); all resolved: " + Arrays.toString(all));
                }
            }
            return all[0];
        });
    }

    /** @return whether a delivery may connect to the address: in allow-cidrs, or in no deny-cidrs range */
    boolean allowed(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        if (allowed.stream().anyMatch(rule -> rule.matches(socket))) {
            return true;
        }
        return denied.stream().noneMatch(rule -> rule.matches(socket));
    }

    private static boolean isLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    }

    /** An IP literal as an address; IPv4-mapped IPv6 literals come back as IPv4 (so IPv4 ranges apply to them). */
    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw ProblemException.unprocessable("url: invalid address " + host);
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static List<IpSubnetFilterRule> rules(List<String> cidrs, IpFilterRuleType type) {
        return cidrs.stream().map(String::strip).filter(c -> !c.isEmpty()).map(cidr -> {
            String[] parts = cidr.split("/");
            return new IpSubnetFilterRule(parts[0], Integer.parseInt(parts[1]), type);
        }).toList();
    }
}
