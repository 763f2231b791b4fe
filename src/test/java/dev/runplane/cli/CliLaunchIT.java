package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the CLI starts, without a server: the jar's main hands CLI commands over without loading Spring, a missing
 * server is a clear message, and the {@code bin/runplane} launcher finds the jar and never starts a server.
 */
class CliLaunchIT {
    @TempDir
    Path home;

    @Test
    void noServerIsAClearMessageAndSpringIsNeverLoaded() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path classLog = home.resolve("classes.log");
        CliProcess cli = new CliProcess(home, Map.of("RUNPLANE_URL", "http://127.0.0.1:" + port,
                "RUNPLANE_TOKEN", "rp_unused_token_0123456789abc"), List.of("-Xlog:class+load=info:file=" + classLog));

        CliProcess.Result result = cli.run("ps");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr())
                .isEqualTo("error: cannot reach Runplane at http://127.0.0.1:" + port + ": connection refused\n");
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("classes loaded").anyMatch(line -> line.contains("dev.runplane.cli.PsCommand"));
        assertThat(loaded).noneMatch(line -> line.contains(" org.springframework."));
        // the application class implements Vaadin's AppShellConfigurator (whose configurePage takes AppShellSettings),
        // so those two load; nothing else of Vaadin
        assertThat(loaded.stream().filter(line -> line.contains(" com.vaadin.")))
                .allMatch(line -> line.contains("com.vaadin.flow.component.page.AppShellConfigurator ")
                        || line.contains("com.vaadin.flow.server.AppShellSettings "));
    }

    @Test
    void theLauncherRunsTheNewestJarWithTheGivenCommand() throws Exception {
        Path repo = launcherRepo();
        Files.createFile(repo.resolve("target/runplane-0.1.0-SNAPSHOT.jar"));

        Launch ps = launch(repo, Map.of(), "ps", "-a");
        Launch none = launch(repo, Map.of());
        Launch help = launch(repo, Map.of(), "--help", "logs");
        Launch server = launch(repo, Map.of(), "--server.port=9090");

        assertThat(ps.output()).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "
                + repo.resolve("target/runplane-0.1.0-SNAPSHOT.jar") + " ps -a\n");
        assertThat(none.output()).endsWith(" help\n");
        assertThat(help.output()).endsWith(" help logs\n");
        assertThat(server.exitCode()).isEqualTo(2);
        assertThat(server.output()).contains("a command comes first");
    }

    @Test
    void theLauncherSaysHowToBuildTheJarWhenThereIsNone() throws Exception {
        Launch missing = launch(launcherRepo(), Map.of(), "ps");
        Launch wrong = launch(launcherRepo(), Map.of("RUNPLANE_JAR", home.resolve("nope.jar").toString()), "ps");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.output()).contains("no Runplane jar found",
                "build it with ./mvnw package");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.output()).contains("RUNPLANE_JAR is " + home.resolve("nope.jar") + ", which is not a file");
    }

    private record Launch(int exitCode, String output) {
    }

    /** A copy of bin/runplane in a repository layout of its own, with a "java" that prints its arguments. */
    private Path launcherRepo() throws IOException {
        Path repo = Files.createTempDirectory(home, "repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.createDirectories(repo.resolve("target"));
        Path script = Files.copy(Path.of("bin/runplane"), repo.resolve("bin/runplane"));
        assertThat(Files.isExecutable(Path.of("bin/runplane"))).as("bin/runplane is executable").isTrue();
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path java = repo.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return repo;
    }

    private static Launch launch(Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", repo.resolve("bin/runplane").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("RUNPLANE_"));
        builder.environment().put("JAVA_HOME", repo.resolve("jdk").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Launch(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
