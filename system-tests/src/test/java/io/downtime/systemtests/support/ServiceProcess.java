package io.downtime.systemtests.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.downtime.testsupport.Anvil;
import io.downtime.testsupport.DefaultBearerToken;
import io.downtime.testsupport.Tokens;

/**
 * One of our services as a real process: the packaged {@code quarkus-app} of its module, started with
 * {@code java -jar} on a chosen port with its own environment, logging to {@code system-tests/target/logs/}.
 * <p>
 * Security as in production: the process verifies bearer tokens with test-support's test public key
 * ({@code DOWNTIME_JWT_PUBLIC_KEY_LOCATION}), probe-service calls incident-service with a {@code prober} token and
 * sla-service with a {@code viewer} token ({@code DOWNTIME_SERVICE_TOKEN}), unless {@code env} sets them; health and
 * metrics are on a management port of their own ({@link #managementUrl()}). Every RestAssured request of the test
 * JVM carries an all-roles token unless it sets its own {@code Authorization} header (test-support's
 * {@link DefaultBearerToken}).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> SERVICE_ROLES = Map.of("probe-service", "prober", "sla-service", "viewer");
    private static Path publicKey;

    static {
        DefaultBearerToken.install(true);
    }

    private final String module;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    /** Command words put before {@code java}, e.g. {@code ip netns exec <name>}; empty by default. */
    private final List<String> launcher = new ArrayList<>();

    public ServiceProcess(String module, int port, Map<String, String> env, String logName) {
        this.module = module;
        this.port = port;
        this.managementPort = Anvil.freePort();
        this.env = env;
        this.log = Path.of("target", "logs", logName + ".log").toAbsolutePath();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface's port (health and metrics). */
    public int managementPort() {
        return managementPort;
    }

    /** The management interface: {@code /q/health/*}, {@code /q/metrics} (no token needed). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private static synchronized Path publicKey() {
        if (publicKey == null) {
            publicKey = Tokens.publicKeyFile();
        }
        return publicKey;
    }

    /**
     * Starts the process (appending to its log) and waits until {@code /q/health/ready} answers 200 on its
     * management port.
     */
    public ServiceProcess start() {
        Path jar = Paths.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: package the services first (./mvnw verify builds them)");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + managementPort, "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.command().addAll(0, launcher);
            pb.environment().put("DOWNTIME_JWT_PUBLIC_KEY_LOCATION", publicKey().toString());
            if (SERVICE_ROLES.containsKey(module)) {
                // valid for an hour from each (re)start
                pb.environment().put("DOWNTIME_SERVICE_TOKEN",
                        Tokens.forRoles(module, Set.of(SERVICE_ROLES.get(module))));
            }
            pb.environment().putAll(env);
            process = pb.start();
            // never outlive the test JVM, whatever happens to it
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            stop(true);
            throw e;
        }
        return this;
    }

    private void awaitReady() {
        await(module + " ready on " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(module + " exited; see " + log);
                    }
                    return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    /** Stops the process: {@code SIGTERM} and wait, or {@code SIGKILL} when {@code kill} is set. */
    public void stop(boolean kill) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the process through a launcher, e.g. {@code ip netns exec dt-r1} to run it inside a network namespace
     * (which must then make {@link #url()} reachable from the test, see {@code Netns.expose}). Call before
     * {@link #start()}.
     */
    public ServiceProcess launchedVia(List<String> prefix) {
        launcher.clear();
        launcher.addAll(prefix);
        return this;
    }

    /** Whether the process runs (it may not be ready). */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether {@code /q/health/ready} answers 200 now (false when it does not answer at all). */
    public boolean isReady() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The process's log file ({@code system-tests/target/logs/<logName>.log}), appended to across restarts. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop(false);
    }
}
