package dev.runplane.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code ./mvnw} finds a JDK that can build Runplane (issue 14): the real script, run by the shell with fake
 * JDKs (a {@code release} file and {@code bin/java}, {@code bin/javac}) in folders given by
 * {@code RUNPLANE_JDK_DIRS}, so that the answer never depends on what this machine has installed.
 */
class JdkPickerTest {
    private static final Path PICKER = Path.of(".mvn/find-jdk.sh").toAbsolutePath();
    private static final Path MVNW = Path.of("mvnw").toAbsolutePath();

    @TempDir
    Path root;
    Path jvms;
    Path jdk17;
    Path jdk21;
    Path jdk25;

    @BeforeEach
    void installFakeJdks() throws IOException {
        jvms = root.resolve("jvm");
        jdk17 = fakeJdk(jvms.resolve("java-17-openjdk-amd64"), "17.0.15", true);
        jdk25 = fakeJdk(jvms.resolve("temurin-25-jdk-amd64"), "25.0.3", true);
        jdk21 = fakeJdk(root.resolve("elsewhere/jdk-21"), "21.0.7", true);
    }

    @Test
    void withOnlyJava17OnThePathAndNoJavaHomeItPicksTheNewestInstalledJdk() throws Exception {
        Result result = run(PICKER, Map.of("PATH", jdk17.resolve("bin") + ":/usr/bin:/bin",
                "RUNPLANE_JDK_DIRS", jvms.toString()));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo(jdk25 + "\n");
        assertThat(result.stderr()).isEqualTo("mvnw: using JDK 25 at " + jdk25
                + " (the newest JDK found; java on PATH is JDK 17)\n");
    }

    @Test
    void aJavaHomeThatIsNewEnoughWinsAndOneThatIsTooOldIsPassedOver() throws Exception {
        Result own = run(PICKER, Map.of("JAVA_HOME", jdk21.toString(), "PATH", "/usr/bin:/bin",
                "RUNPLANE_JDK_DIRS", jvms.toString()));
        Result old = run(PICKER, Map.of("JAVA_HOME", jdk17.toString(), "PATH", "/usr/bin:/bin",
                "RUNPLANE_JDK_DIRS", jvms.toString()));

        assertThat(own.stdout()).isEqualTo(jdk21 + "\n");
        assertThat(own.stderr()).isEqualTo("mvnw: using JDK 21 at " + jdk21 + " (JAVA_HOME)\n");
        assertThat(old.stdout()).isEqualTo(jdk25 + "\n");
        assertThat(old.stderr()).contains("JAVA_HOME=" + jdk17 + " is JDK 17");
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedForItsVersion() throws Exception {
        Path bare = fakeJdk(root.resolve("bare/jdk"), "21.0.2", false);

        Result result = run(PICKER, Map.of("PATH", "/usr/bin:/bin", "RUNPLANE_JDK_DIRS", bare.getParent().toString()));

        assertThat(result.stdout()).as(result.toString()).isEqualTo(bare + "\n");
    }

    @Test
    void withNoJdk21OrNewerMvnwFailsAtOnceWithOneSentenceOnWhatToInstall() throws Exception {
        Path onlyOld = root.resolve("old");
        fakeJdk(onlyOld.resolve("java-17"), "17.0.15", true);

        long start = System.nanoTime();
        Result result = run(MVNW, Map.of("PATH", jdk17.resolve("bin") + ":/usr/bin:/bin",
                "RUNPLANE_JDK_DIRS", onlyOld.toString()), "-v");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(result.stdout()).as("Maven never started").isEmpty();
        assertThat(result.stderr().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("mvnw: Runplane needs a JDK 21 or newer and found none (java on PATH is JDK 17; "
                        + "no JDK 21+ under " + onlyOld + ")")
                .contains("point JAVA_HOME at it: export JAVA_HOME=")
                .endsWith("."));
    }

    private static Path fakeJdk(Path home, String version, boolean withReleaseFile) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        if (withReleaseFile) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        for (String tool : List.of("java", "javac")) {
            Path script = home.resolve("bin").resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-01-01' >&2\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(script.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().put("HOME", root.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
