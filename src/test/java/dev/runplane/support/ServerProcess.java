package dev.runplane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runplane as a separate OS process (a second JVM on the test classpath), for tests that must kill the server the
 * way a crash or the OOM killer does: {@link #kill9()} is SIGKILL, with no shutdown hook and no graceful stop.
 * Output goes to {@code target/<name>.log}, which the failure messages quote.
 */
public final class ServerProcess implements AutoCloseable {
    // generous: on a two-core machine shared by several builds a start has taken over 90 s
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** Where and as whom the server runs; {@code extraArgs} are further {@code --key=value} settings. */
    public record Settings(String datasourceUrl, String dbUser, String dbPassword, Path dataDir, String adminToken,
                           List<String> extraArgs) {
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server and returns once its readiness probe answers 200; fails with the log's tail otherwise. */
    public static ServerProcess start(String name, Settings settings) {
        ServerProcess server = launch(name, settings);
        server.awaitReady();
        return server;
    }

    /** On a given port: a restarted server that open browsers reconnect to, at the address they know. */
    public static ServerProcess start(String name, Settings settings, int port) {
        ServerProcess server = launch(name, settings, port);
        server.awaitReady();
        return server;
    }

    /**
     * Starts the server and returns at once, for tests that watch the start-up itself; {@link #awaitReady()} waits
     * for it. A {@code null} {@code datasourceUrl} leaves the database setting alone (the embedded H2 in the data
     * directory, as a newcomer gets it).
     */
    public static ServerProcess launch(String name, Settings settings) {
        return launch(name, settings, freePort());
    }

    private static ServerProcess launch(String name, Settings settings, int port) {
        Path log = Path.of(System.getProperty("user.dir"), "target", name + ".log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                // a quick start matters more than peak speed on two cores
                "-XX:TieredStopAtLevel=1", "-Xmx768m",
                "-cp", System.getProperty("java.class.path"),
                "dev.runplane.RunplaneApplication",
                "--server.port=" + port,
                "--runplane.data-dir=" + settings.dataDir().toAbsolutePath(),
                "--runplane.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "--runplane.admin.token=" + settings.adminToken(),
                "--vaadin.launch-browser=false",
                "--spring.main.banner-mode=off",
                // a free port for the services endpoint too: several servers share this machine
                "--runplane.services.port=0"));
        if (settings.datasourceUrl() != null) {
            command.addAll(List.of("--spring.datasource.url=" + settings.datasourceUrl(),
                    "--spring.datasource.username=" + settings.dbUser(),
                    "--spring.datasource.password=" + settings.dbPassword()));
        }
        command.addAll(settings.extraArgs());
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return new ServerProcess(name, process, port, log);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code destroyForcibly} sends on Linux): nothing of the server gets to run any more. */
    public void kill9() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit(Duration.ofSeconds(30));
    }

    /** A normal shutdown (SIGTERM), forced after 30 s. */
    public void stop() {
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            kill9();
        }
    }

    /** Never leaves the JVM behind, whatever state the test ended in. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

    /** Everything the server has printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    public void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before it was ready; log " + log + ":\n" + logTail(60));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; log " + log + ":\n"
                + logTail(60));
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
