package io.downtime.probe.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.vertx.core.net.PfxOptions;

/**
 * Self-signed server certificates for {@code localhost}/{@code 127.0.0.1} made by the JDK's {@code keytool}, valid
 * from now for a chosen number of days (so a test controls {@code notAfter}).
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A PKCS#12 key store (key and self-signed certificate) valid for {@code days} days from now. */
    public static PfxOptions validForDays(int days) {
        try {
            Path store = Files.createTempDirectory("tls-").resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", Integer.toString(days), "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return new PfxOptions().setPath(store.toString()).setPassword(PASSWORD);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
