package dev.runplane.execution.slurm;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where Slurm's client commands ({@code sbatch}, {@code squeue}, ...) and the few shell tools the backend needs run:
 * on this machine ({@link LocalSlurmCommands}, Runplane on a login node) or on a login node over one SSH connection
 * ({@link SshSlurmCommands}). Commands are argument lists, never a line for a shell to split; each has a timeout.
 */
interface SlurmCommands extends AutoCloseable {

    /** The exit code SSH itself uses when it could not run the command at all (no connection). */
    int UNREACHABLE = 255;

    /** @param bytes what the command printed on stdout, as it printed it (log reads are raw bytes) */
    record Result(int exitCode, byte[] bytes, String err) {
        Result(int exitCode, String out, String err) {
            this(exitCode, out.getBytes(StandardCharsets.UTF_8), err);
        }

        String out() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return exitCode == 0;
        }

        /** The last line of stderr, which is where Slurm's commands say what went wrong. */
        String reason() {
            String text = err.isBlank() ? out() : err;
            String[] lines = text.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1].strip();
        }
    }

    default Result run(List<String> command) {
        return run(command, null);
    }

    /** Runs {@code command} with {@code stdin} (null: none) as its standard input. */
    Result run(List<String> command, String stdin);

    /** The Unix user id commands run as on the cluster's side (whether {@code sbatch --uid} may be used). */
    int uid();

    @Override
    default void close() {
    }
}
