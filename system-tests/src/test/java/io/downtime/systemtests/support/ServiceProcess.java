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
import java.util.concurrent.TimeUnit;

/**
 * One of our services as a real process: the packaged {@code quarkus-app} of its module, started with
 * {@code java -jar} on a chosen port with its own environment, logging to {@code system-tests/target/logs/}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String module;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    /** Command words put before {@code java}, e.g. {@code ip netns exec <name>}; empty by default. */
    private final List<String> launcher = new ArrayList<>();

    public ServiceProcess(String module, int port, Map<String, String> env, String logName) {
        this.module = module;
        this.port = port;
        this.env = env;
        this.log = Path.of("target", "logs", logName + ".log").toAbsolutePath();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process (appending to its log) and waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess start() {
        Path jar = Paths.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: package the services first (./mvnw verify builds them)");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port, "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.command().addAll(0, launcher);
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
                    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
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
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
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
