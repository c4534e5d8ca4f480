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

    @Override
    public void close() {
        stop(false);
    }
}
