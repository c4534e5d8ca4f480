package io.downtime.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Anvil node (installed by scripts/setup.sh into .tools/) on a free loopback port, 1 s blocks, for tests.
 */
public final class Anvil implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String[] extraArgs;
    private Process process;

    private Anvil(int port, String... extraArgs) {
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** Starts Anvil on a free port and waits until it answers JSON-RPC. */
    public static Anvil start() {
        return start(new String[0]);
    }

    /** Starts Anvil with extra command-line arguments (e.g. {@code "--chain-id", "777"}) on a free port. */
    public static Anvil start(String... extraArgs) {
        Anvil anvil = new Anvil(freePort(), extraArgs);
        anvil.restart();
        return anvil;
    }

    /** (Re)starts the node on the same port: a fresh chain from genesis. */
    public void restart() {
        try {
            Path log = Files.createTempFile("anvil-" + port + "-", ".log");
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(binary().toString(), "--host",
                    "127.0.0.1", "--port", Integer.toString(port), "--block-time", "1"));
            command.addAll(java.util.List.of(extraArgs));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil (run scripts/setup.sh first)", e);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> rpc("eth_blockNumber", "[]").contains("result"));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops block production ({@code evm_setIntervalMining [0]}). */
    public void halt() {
        rpc("evm_setIntervalMining", "[0]");
    }

    /** Resumes 1 s blocks ({@code evm_setIntervalMining [1]}). */
    public void resume() {
        rpc("evm_setIntervalMining", "[1]");
    }

    /** Kills the process ({@code SIGKILL}) and waits for it to exit. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one JSON-RPC request and returns the raw response body. */
    public String rpc(String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url())).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Anvil executable installed by {@code scripts/setup.sh} under {@code .tools/}, for tests that start it their
     * own way (e.g. inside a network namespace).
     */
    public static Path executable() {
        return binary();
    }

    private static Path binary() {
        String root = System.getProperty("project.rootdir");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve(".tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("anvil not found under .tools/ — run scripts/setup.sh");
    }
}
