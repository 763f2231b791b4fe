package dev.runplane.execution.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Slurm's client commands on this machine (Runplane on a login node) as separate processes with an argument
 * list (never through a shell) and a timeout, and hands back what they printed.
 */
final class LocalSlurmCommands implements SlurmCommands {
    private final Duration timeout;

    LocalSlurmCommands(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    @Override
    public Result run(List<String> command, String stdin) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            return new Result(127, "", command.getFirst() + " cannot be run here: " + e.getMessage());
        }
        if (stdin != null) {
            CompletableFuture.runAsync(() -> {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the command ended without reading it all; its exit code says the rest
                }
            });
        }
        // both streams are drained at once, so a chatty command never blocks on a full pipe
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> bytes(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(124, "", command.getFirst() + " did not answer within " + timeout.toSeconds()
                        + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(130, "", "interrupted");
        }
    }

    private static byte[] bytes(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
