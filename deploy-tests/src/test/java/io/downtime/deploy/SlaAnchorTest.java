package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * Verifiable reports ({@code sla.anchor}): sla-service, and only it, gets the chain id from its ConfigMap and the RPC
 * URL and the private key with secretKeyRef from the configured Secret; disabled, nothing; enabled without a Secret,
 * no rendering.
 */
class SlaAnchorTest {

    static final String CHAIN_ID = "DOWNTIME_SLA_ANCHOR_CHAIN_ID";
    static final String RPC_URL = "DOWNTIME_SLA_ANCHOR_RPC_URL";
    static final String PRIVATE_KEY = "DOWNTIME_SLA_ANCHOR_PRIVATE_KEY";
    static final Set<String> ANCHOR_ENV = Set.of(CHAIN_ID, RPC_URL, PRIVATE_KEY);
    /** The secret variables and the value of sla.anchor.secretKeys naming their key. */
    static final Map<String, String> SECRET_KEYS = Map.of(RPC_URL, "rpcUrl", PRIVATE_KEY, "privateKey");

    static List<Chart.Scenario> scenarios() {
        return Chart.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void slaServiceAloneGetsTheAnchorSettingsAndOnlyWhenEnabled(Chart.Scenario scenario) {
        JsonNode anchor = scenario.values().at("/sla/anchor");
        assertAnchoring(scenario.manifests(), anchor, scenario.toString());
    }

    @Test
    void anchoringIsOffByDefaultAndOnInTheFullScenario() {
        assertFalse(Chart.defaults().values().at("/sla/anchor/enabled").asBoolean(), "off by default");
        JsonNode full = Chart.scenario("ci/full-values.yaml").values().at("/sla/anchor");
        assertTrue(full.at("/enabled").asBoolean(), "ci/full-values.yaml enables anchoring");
        // a chain id above 10^6 from a values file (a float64 to Helm) renders as digits, not 1.1155111e+07
        assertEquals(11155111L, full.at("/chainId").asLong());
        Manifests m = Chart.scenario("ci/full-values.yaml").manifests();
        assertEquals("11155111", m.environment(m.workload("sla").containers().get(0)).get(CHAIN_ID));
    }

    @Test
    void enabledWithTheDefaultKeysReadsThemFromTheNamedSecret() {
        Manifests m = Manifests.parse(template().set("sla.anchor.enabled", "true")
                .set("sla.anchor.existingSecret", "anchor-secret").set("sla.anchor.chainId", "31337").call());
        Container sla = m.workload("sla").containers().get(0);
        assertEquals("31337", m.environment(sla).get(CHAIN_ID));
        assertSecretRef(sla, RPC_URL, "anchor-secret", "rpc-url");
        assertSecretRef(sla, PRIVATE_KEY, "anchor-secret", "private-key");
        for (String component : List.of("probe", "incident")) {
            Container c = m.workload(component).containers().get(0);
            assertTrue(m.environment(c).keySet().stream().noneMatch(ANCHOR_ENV::contains), component);
        }
    }

    @Test
    void enabledWithoutASecretDoesNotRender() {
        Exception e = assertThrows(Exception.class, template().set("sla.anchor.enabled", "true")::call);
        assertTrue(e.getMessage().contains("sla.anchor.existingSecret is required when sla.anchor.enabled is true"),
                e.getMessage());
    }

    private static TemplateCommand template() {
        return new Helm(Chart.dir()).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION);
    }

    static void assertAnchoring(Manifests m, JsonNode anchor, String what) {
        // the secrets are never in a ConfigMap, whatever the values
        for (ConfigMap cm : m.of(ConfigMap.class)) {
            assertFalse(cm.getData().containsKey(RPC_URL), what + ": " + cm.getMetadata().getName());
            assertFalse(cm.getData().containsKey(PRIVATE_KEY), what + ": " + cm.getMetadata().getName());
        }
        for (Manifests.Workload w : m.workloads()) {
            for (Container c : w.containers()) {
                Map<String, String> env = m.environment(c);
                if (!w.component().equals("sla") || !anchor.at("/enabled").asBoolean()) {
                    assertTrue(env.keySet().stream().noneMatch(ANCHOR_ENV::contains),
                            what + ": " + w + " has no anchor settings: " + env.keySet());
                    continue;
                }
                assertEquals(String.valueOf(anchor.at("/chainId").asLong()), env.get(CHAIN_ID), what + ": chain id");
                ConfigMap config = m.find(ConfigMap.class, w.name() + "-config").orElseThrow();
                assertEquals(env.get(CHAIN_ID), config.getData().get(CHAIN_ID), what + ": chain id from the ConfigMap");
                String secret = anchor.at("/existingSecret").asText();
                for (var e : SECRET_KEYS.entrySet()) {
                    assertSecretRef(c, e.getKey(), secret, anchor.at("/secretKeys/" + e.getValue()).asText());
                }
            }
        }
    }

    static void assertSecretRef(Container c, String name, String secret, String key) {
        List<EnvVar> matching = c.getEnv().stream().filter(e -> e.getName().equals(name)).toList();
        assertEquals(1, matching.size(), name + " in " + c.getName());
        EnvVar env = matching.get(0);
        assertNull(env.getValue(), name + " must not be a literal");
        assertNotNull(env.getValueFrom(), name + " from a Secret");
        SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
        assertNotNull(ref, name + " from secretKeyRef");
        assertEquals(secret, ref.getName(), name + ": Secret");
        assertEquals(key, ref.getKey(), name + ": key");
    }
}
