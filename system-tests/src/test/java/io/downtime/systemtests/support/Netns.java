package io.downtime.systemtests.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Linux network namespaces made by a test ({@code ip netns}, veth pairs), and {@code socat} relays between them:
 * processes in a namespace reach the root namespace's services, and the test reaches theirs, only through UNIX
 * sockets in a private temporary folder (the filesystem is shared, the network is not), so no route or address is
 * added to the root namespace and no traffic leaves 127.0.0.0/8 there. {@link #close()} stops every process started
 * here, kills whatever still runs inside the namespaces it made, and deletes them; needs root.
 */
public final class Netns implements AutoCloseable {

    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Path sockets;
    private final Path logs;
    private int relays;

    public Netns() {
        try {
            this.sockets = Files.createTempDirectory("downtime-netns-");
            this.logs = Path.of("target", "logs").toAbsolutePath();
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why namespaces cannot be made here (not root, {@code ip} or {@code socat} missing, {@code ip netns add}
     * refused), or null when they can: tries to add and delete a namespace {@code dt-check-<pid>}.
     */
    public static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root (user " + System.getProperty("user.name") + ")";
        }
        String name = "dt-check-" + ProcessHandle.current().pid();
        try {
            String add = run(List.of("ip", "netns", "add", name));
            if (add != null) {
                return "`ip netns add` failed: " + add;
            }
            run(List.of("ip", "netns", "del", name));
            if (run(List.of("socat", "-V")) != null) {
                return "socat missing (scripts/setup.sh installs it)";
            }
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Creates namespace {@code name} (deleting a leftover of that name first) with its loopback up. */
    public void create(String name) {
        if (Files.exists(Path.of("/var/run/netns", name))) {
            killInside(name);
            exec(List.of("ip", "netns", "del", name));
        }
        exec(List.of("ip", "netns", "add", name));
        namespaces.add(name);
        exec(List.of("ip", "-n", name, "link", "set", "lo", "up"));
    }

    /**
     * A veth pair between two namespaces, both ends up: {@code ifA} with {@code cidrA} (e.g. {@code 10.77.1.1/30})
     * in {@code a}, {@code ifB} with {@code cidrB} in {@code b}.
     */
    public void link(String a, String ifA, String cidrA, String b, String ifB, String cidrB) {
        exec(List.of("ip", "-n", a, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b));
        exec(List.of("ip", "-n", a, "addr", "add", cidrA, "dev", ifA));
        exec(List.of("ip", "-n", b, "addr", "add", cidrB, "dev", ifB));
        setLink(a, ifA, true);
        setLink(b, ifB, true);
    }

    /** {@code ip link set <iface> up|down} inside {@code ns}. */
    public void setLink(String ns, String iface, boolean up) {
        exec(List.of("ip", "-n", ns, "link", "set", iface, up ? "up" : "down"));
    }

    /** The launcher that runs a command inside {@code ns}: {@code ip netns exec <ns>}. */
    public List<String> launcher(String ns) {
        return List.of("ip", "netns", "exec", ns);
    }

    /** Starts {@code command} inside {@code ns} (null: the root namespace), logging to {@code target/logs/}. */
    public Process spawn(String ns, List<String> command, String logName) {
        List<String> full = new ArrayList<>(ns == null ? List.of() : launcher(ns));
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(logName + ".log").toFile())).start();
            processes.add(p);
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + full, e);
        }
    }

    /**
     * Makes {@code 127.0.0.1:port} of the root namespace reach {@code 127.0.0.1:port} inside {@code ns} (for the
     * test to talk to a process there); returns once the root end listens.
     */
    public void expose(String ns, int port) {
        Path socket = nextSocket("expose-" + ns + "-" + port);
        spawn(ns, List.of("socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early", "TCP:127.0.0.1:" + port),
                "socat-" + ns);
        awaitFile(socket);
        spawn(null, List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr", "UNIX-CONNECT:" + socket),
                "socat-root");
        await("root 127.0.0.1:" + port + " listening").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        return true;
                    }
                });
    }

    /**
     * Makes {@code 127.0.0.1:port} inside {@code ns} reach {@code 127.0.0.1:rootPort} of the root namespace (for a
     * process there to talk to one of ours); returns once it listens.
     */
    public void reach(String ns, int port, int rootPort) {
        Path socket = nextSocket("reach-" + ns + "-" + rootPort);
        spawn(null, List.of("socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early", "TCP:127.0.0.1:" + rootPort),
                "socat-root");
        awaitFile(socket);
        reachUnix(ns, port, socket);
    }

    /** Makes {@code 127.0.0.1:port} inside {@code ns} reach the UNIX socket {@code socket}; returns once it listens. */
    public void reachUnix(String ns, int port, Path socket) {
        spawn(ns, List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr", "UNIX-CONNECT:" + socket),
                "socat-" + ns);
        await(ns + " 127.0.0.1:" + port + " listening").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !exec(List.of("ip", "netns", "exec", ns, "ss", "-Hltn", "sport = :" + port)).isBlank());
    }

    private Path nextSocket(String name) {
        return sockets.resolve((relays++) + "-" + name + ".sock");
    }

    private static void awaitFile(Path socket) {
        await(socket + " listening").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(socket));
    }

    /** Runs a command to its end; returns its output, or throws with it when the exit code is not 0. */
    public static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #exec} but returns the failure text instead of throwing (null when it succeeded). */
    private static String run(List<String> command) {
        try {
            exec(command);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Kills (SIGKILL, by pid) the processes still running inside {@code ns}: those this test started there. */
    private static void killInside(String ns) {
        try {
            for (String pid : exec(List.of("ip", "netns", "pids", ns)).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IllegalStateException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            killInside(ns);
            run(List.of("ip", "netns", "del", ns));
        }
        namespaces.clear();
        try (Stream<Path> files = Files.walk(sockets)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; best effort
        }
    }
}
