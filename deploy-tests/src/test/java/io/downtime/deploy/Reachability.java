package io.downtime.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Evaluates rendered NetworkPolicies the way the Kubernetes NetworkPolicy API defines them (ingress only): a pod
 * selected by no Ingress policy accepts everything; a selected pod accepts a connection when some rule of some
 * policy selecting it allows both the source and the port.
 */
final class Reachability {

    /** A pod that opens connections: its namespace (name and labels) and its labels. */
    record Source(String name, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
    }

    /** A pod that accepts connections, with its containers' ports. */
    record Destination(String name, String namespace, Map<String, String> labels, List<Container> containers) {
    }

    /** "source → destination:port". */
    record Edge(String source, String destination, int port) implements Comparable<Edge> {

        @Override
        public int compareTo(Edge o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return source + " -> " + destination + ":" + port;
        }
    }

    private final List<NetworkPolicy> policies;

    Reachability(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    /** Every (source, destination, port) the policies let through, for the given candidate ports. */
    Set<Edge> edges(List<Source> sources, List<Destination> destinations, Set<Integer> ports) {
        Set<Edge> edges = new TreeSet<>();
        for (Destination d : destinations) {
            for (Source s : sources) {
                for (int port : ports) {
                    if (allowed(s, d, port)) {
                        edges.add(new Edge(s.name(), d.name(), port));
                    }
                }
            }
        }
        return edges;
    }

    boolean allowed(Source source, Destination destination, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getMetadata().getNamespace().equals(destination.namespace()))
                .filter(p -> isIngress(p))
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), destination.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy p : selecting) {
            List<NetworkPolicyIngressRule> rules = p.getSpec().getIngress();
            if (rules == null) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : rules) {
                if (fromMatches(rule.getFrom(), p.getMetadata().getNamespace(), source)
                        && portMatches(rule.getPorts(), destination, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIngress(NetworkPolicy p) {
        List<String> types = p.getSpec().getPolicyTypes();
        // without policyTypes, a policy is an Ingress policy (and Egress too when it has egress rules)
        return types == null || types.isEmpty() || types.contains("Ingress");
    }

    private static boolean fromMatches(List<NetworkPolicyPeer> from, String policyNamespace, Source source) {
        if (from == null || from.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : from) {
            if (peer.getIpBlock() != null) {
                continue; // the modelled sources are pods, addressed by selectors
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null
                    ? source.namespace().equals(policyNamespace)
                    : Selectors.matches(peer.getNamespaceSelector(), source.namespaceLabels());
            boolean podOk = peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), source.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, Destination destination, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!protocol.equals("TCP")) {
                continue;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int end = p.getEndPort() == null ? value.getIntVal() : p.getEndPort();
                if (port >= value.getIntVal() && port <= end) {
                    return true;
                }
            } else if (namedPort(destination, value.getStrVal()) == port) {
                return true;
            }
        }
        return false;
    }

    private static int namedPort(Destination destination, String name) {
        return destination.containers().stream().filter(c -> c.getPorts() != null).flatMap(c -> c.getPorts().stream())
                .filter(p -> name.equals(p.getName())).mapToInt(ContainerPort::getContainerPort).findFirst()
                .orElse(-1);
    }
}
