package dev.runplane.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a user's shell runs it: a separate JVM ({@code java -cp … dev.runplane.RunplaneApplication <args>})
 * with its own environment and home directory. Output goes to files, so a long-running command (logs -f) can be
 * read while it runs and nothing blocks on a full pipe.
 */
final class CliProcess {
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private final Path home;
    private final Map<String, String> env;
    private final List<String> jvmArgs;

    CliProcess(Path home, Map<String, String> env) {
        this(home, env, List.of());
    }

    CliProcess(Path home, Map<String, String> env, List<String> jvmArgs) {
        this.home = home;
        this.env = env;
        this.jvmArgs = jvmArgs;
    }

    Result run(String... args) {
        try (Running running = start(args)) {
            if (!running.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("runplane " + String.join(" ", args) + " did not finish within "
                        + TIMEOUT_SECONDS + " s\n" + running.stdout() + running.stderr());
            }
            return new Result(running.process.exitValue(), running.stdout(), running.stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Running start(String... args) {
        try {
            Path out = Files.createTempFile(home, "cli-", ".out");
            Path err = Files.createTempFile(home, "cli-", ".err");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElseThrow(),
                    // a CLI process lives for a second: start quickly rather than run fast
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-Duser.home=" + home));
            command.addAll(jvmArgs);
            command.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"),
                    "dev.runplane.RunplaneApplication"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            "/dev/null")));
            // only what the test chooses: never a developer's own RUNPLANE_* settings
            builder.environment().keySet().removeIf(name -> name.startsWith("RUNPLANE_"));
            builder.environment().putAll(env);
            return new Running(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started CLI process; closing it kills it if it still runs. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        private Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        boolean isAlive() {
            return process.isAlive();
        }

        int exitCode() {
            return process.exitValue();
        }

        private static String read(Path file) {
            try {
                // a process still writing may have cut a character in half: replace it rather than fail
                return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
