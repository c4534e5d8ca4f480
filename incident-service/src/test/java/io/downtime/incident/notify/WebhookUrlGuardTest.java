package io.downtime.incident.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.downtime.common.problem.ProblemException;
import io.vertx.mutiny.core.Vertx;

/** The SSRF guard with the production defaults (loopback denied) and with an allow list. */
class WebhookUrlGuardTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static WebhookUrlGuard guard(List<String> allow) {
        // the defaults of WebhooksConfig
        return new WebhookUrlGuard(List.of("127.0.0.0/8", "::1/128", "0.0.0.0/8", "::/128", "169.254.0.0/16", "fe80::/10",
                "100.100.100.200/32", "fd00:ec2::254/128"), allow,
                List.of("metadata.google.internal", "metadata.goog", "metadata"), vertx);
    }

    @Test
    void productionDefaultsDenyLoopbackLinkLocalAndMetadata() throws Exception {
        WebhookUrlGuard guard = guard(List.of());
        for (String address : List.of("127.0.0.1", "127.1.2.3", "::1", "169.254.169.254", "fe80::1", "0.0.0.0",
                "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254")) {
            assertThat(address, guard.allowed(InetAddress.getByName(address)), is(false));
        }
        for (String address : List.of("10.0.0.7", "192.168.1.1", "8.8.8.8", "2001:db8::1")) {
            assertThat(address, guard.allowed(InetAddress.getByName(address)), is(true));
        }
        assertThrows(ProblemException.class, () -> guard.check("http://127.0.0.1:8080/hook"));
        assertThat(guard.check("https://hooks.example.com/x").getHost(), is("hooks.example.com"));
        // a name is resolved at delivery, and every address it resolves to is checked
        Throwable failure = assertThrows(RuntimeException.class,
                () -> guard.resolve(URI.create("http://localhost:8080/hook")).await().atMost(Duration.ofSeconds(30)));
        assertThat(failure, instanceOf(WebhookUrlGuard.BlockedException.class));
    }

    @Test
    void allowListOpensLoopback() throws Exception {
        WebhookUrlGuard guard = guard(List.of("127.0.0.0/8", "::1/128"));
        assertThat(guard.allowed(InetAddress.getByName("127.0.0.1")), is(true));
        assertThat(guard.allowed(InetAddress.getByName("169.254.169.254")), is(false));
        assertThat(guard.check("http://127.0.0.1:8080/hook").getPort(), is(8080));
        InetAddress resolved = guard.resolve(URI.create("http://localhost:8080/hook")).await().atMost(Duration.ofSeconds(30));
        assertThat(resolved.isLoopbackAddress(), is(true));
    }
}
