package io.downtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Bearer-token authentication in the chart ({@code auth}): every service verifies tokens with the configured JWKS URL
 * or the PEM of a mounted Secret; probe-service and sla-service, and only they, mount their own service token from
 * the tokens Secret as a file (re-read on rotation); no token is ever in a ConfigMap or an env literal; without a key
 * or without the tokens Secret nothing renders.
 */
class AuthWiringTest {

    static final String KEY_PATH = "/etc/downtime/jwt/publicKey.pem";
    static final String TOKEN_FILE = "/etc/downtime/service-token/token";

    static List<Chart.Scenario> scenarios() {
        return Chart.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyServiceVerifiesTokensAndTheCallersMountTheirOwn(Chart.Scenario scenario) {
        Manifests m = scenario.manifests();
        JsonNode auth = scenario.values().at("/auth");
        String location = auth.at("/jwt/publicKeyLocation").asText();
        for (Manifests.Workload w : m.workloads()) {
            String what = scenario + " " + w;
            Container c = w.containers().get(0);
            Map<String, String> env = m.environment(c);
            assertEquals(auth.at("/jwt/issuer").asText(), env.get("DOWNTIME_JWT_ISSUER"), what);
            Optional<Volume> jwt = volume(w, "jwt");
            if (location.isEmpty()) {
                assertEquals(KEY_PATH, env.get("DOWNTIME_JWT_PUBLIC_KEY_LOCATION"), what);
                assertEquals(auth.at("/jwt/publicKeySecret").asText(), jwt.orElseThrow().getSecret().getSecretName(),
                        what);
                assertEquals(auth.at("/jwt/publicKeySecretKey").asText(),
                        jwt.get().getSecret().getItems().get(0).getKey(), what);
                assertEquals("/etc/downtime/jwt", mount(c, "jwt").orElseThrow().getMountPath(), what);
            } else {
                assertEquals(location, env.get("DOWNTIME_JWT_PUBLIC_KEY_LOCATION"), what);
                assertTrue(jwt.isEmpty(), what + ": a JWKS URL needs no key Secret");
            }
            Optional<Volume> token = volume(w, "service-token");
            if (List.of("probe", "sla").contains(w.component())) {
                assertEquals(TOKEN_FILE, env.get("DOWNTIME_SERVICE_TOKEN_FILE"), what);
                assertEquals(auth.at("/serviceTokens/existingSecret").asText(),
                        token.orElseThrow().getSecret().getSecretName(), what);
                assertEquals(auth.at("/serviceTokens/secretKeys/" + w.component()).asText(),
                        token.get().getSecret().getItems().get(0).getKey(), what);
                VolumeMount mount = mount(c, "service-token").orElseThrow();
                assertEquals("/etc/downtime/service-token", mount.getMountPath(), what);
                assertEquals(Boolean.TRUE, mount.getReadOnly(), what);
            } else {
                assertTrue(token.isEmpty(), what + ": incident-service calls no one with a token");
                assertNull(env.get("DOWNTIME_SERVICE_TOKEN_FILE"), what);
            }
            assertFalse(env.containsKey("DOWNTIME_SERVICE_TOKEN"), what + ": never a literal token");
        }
        for (ConfigMap cm : m.of(ConfigMap.class)) {
            assertFalse(cm.getData().containsKey("DOWNTIME_SERVICE_TOKEN"), cm.getMetadata().getName());
        }
    }

    @Test
    void theFullScenarioUsesAnOidcProvidersJwks() {
        Chart.Scenario full = Chart.scenario("ci/full-values.yaml");
        Map<String, String> env = full.manifests()
                .environment(full.manifests().workload("incident").containers().get(0));
        assertTrue(env.get("DOWNTIME_JWT_PUBLIC_KEY_LOCATION").startsWith("https://"), env.toString());
        assertEquals("realm_access/roles", env.get("SMALLRYE_JWT_PATH_GROUPS"));
        assertEquals("downtime", env.get("MP_JWT_VERIFY_AUDIENCES"));
    }

    @Test
    void withoutAVerificationKeyNothingRenders() {
        Exception e = assertThrows(Exception.class, template().set("auth.jwt.publicKeySecret", "")::call);
        assertTrue(e.getMessage().contains("auth.jwt.publicKeyLocation (a JWKS URL of your OIDC provider) or "
                + "auth.jwt.publicKeySecret"), e.getMessage());
    }

    @Test
    void withoutTheServiceTokensSecretNothingRenders() {
        Exception e = assertThrows(Exception.class, template().set("auth.serviceTokens.existingSecret", "")::call);
        assertTrue(e.getMessage().contains("auth.serviceTokens.existingSecret is required"), e.getMessage());
    }

    private static TemplateCommand template() {
        return new Helm(Chart.dir()).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION);
    }

    private static Optional<Volume> volume(Manifests.Workload w, String name) {
        return w.template().getSpec().getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst();
    }

    private static Optional<VolumeMount> mount(Container c, String name) {
        return c.getVolumeMounts().stream().filter(v -> name.equals(v.getName())).findFirst();
    }
}
