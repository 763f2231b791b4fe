package dev.runplane.execution.slurm;

import dev.runplane.execution.LogChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The jobs' directories as the cluster sees them (scripts, output, the wrapper's records): through this server's
 * own filesystem ({@link LocalJobFiles}, the shared filesystem mounted here) or through shell tools over SSH
 * ({@link RemoteJobFiles}, when Runplane does not see it). Paths are the cluster's.
 */
interface JobFiles {

    /** The login node did not answer (SSH down): not the job's fault, it waits as for a controller outage. */
    final class UnreachableException extends IOException {
        UnreachableException(String message) {
            super(message);
        }
    }

    /**
     * What the wrapper has left in a job's directory so far, and the port a service replica was given (its
     * {@code PORT}), or null.
     */
    record Markers(boolean started, Optional<WrapperRecord> ended, Integer port) {
        static Integer port(String text) {
            try {
                return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** What the wrapper wrote when the commands ended: {@code <exit code> <end time in epoch ms>}. */
    record WrapperRecord(int exitCode, Instant endedAt) {
        static Optional<WrapperRecord> parse(String text) {
            try {
                String[] f = text.strip().split(" ");
                return Optional.of(new WrapperRecord(Integer.parseInt(f[0]),
                        f.length > 1 ? Instant.ofEpochMilli(Long.parseLong(f[1])) : null));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * A job directory's markers; empty when not known yet (over SSH they are read in the observer's poll, never on
     * the caller's thread: the next poll reads this directory's).
     */
    Optional<Markers> markers(Path dir);

    /** Reads the markers of these directories now (the observer's thread, once per poll, in one go). */
    void refresh(Collection<Path> dirs);

    /**
     * The observer's launch check: waits up to {@code wait} for the wrapper of one of {@code watched} to have begun
     * (its {@code started} marker, looked for on the filesystem every {@link #START_LOOK_INTERVAL}: no controller
     * RPC), then runs {@code command} and reads the markers of {@code dirs} as {@link #refresh} does. A launch is
     * seen within a look of its wrapper writing {@code started}, not up to a launch-poll interval later, and the
     * controller is still asked at most once per interval. Over SSH all of it is one exec request. The markers are
     * read only when the command succeeded; its result is the command's.
     */
    default SlurmCommands.Result awaitStartThenRun(Collection<Path> watched, Duration wait, SlurmCommands commands,
                                                   List<String> command, Collection<Path> dirs) {
        long until = System.nanoTime() + wait.toNanos();
        while (watched.stream().noneMatch(dir -> markers(dir).map(Markers::started).orElse(false))
                && System.nanoTime() < until) {
            try {
                Thread.sleep(START_LOOK_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        SlurmCommands.Result result = commands.run(command);
        if (result.ok()) {
            refresh(dirs);
        }
        return result;
    }

    /** How often {@link #awaitStartThenRun} looks for a wrapper's {@code started} marker. */
    Duration START_LOOK_INTERVAL = Duration.ofMillis(10);

    /**
     * Makes (or refreshes) a job's directory, owner-only, with its two scripts and the replica's port (null:
     * none); owned by {@code uid}/{@code gid} unless they are negative. Any earlier run's markers are removed.
     *
     * @throws UnreachableException when the login node does not answer
     */
    void prepare(Path dir, String commandsText, String wrapperText, Integer port, int uid, int gid)
            throws IOException;

    /** What one job's directory holds: its two scripts, a service replica's port (or null), its owner (or -1). */
    record NewJob(Path dir, String commandsText, String wrapperText, Integer port, int uid, int gid) {
    }

    /**
     * What a first launch did: {@code sbatch}'s answer, and whether the handle file was written with it (when not,
     * the caller writes it).
     */
    record Submitted(SlurmCommands.Result sbatch, boolean handleWritten) {
    }

    /**
     * A first launch: when the job's directory does not exist yet, prepares it and runs {@code sbatch} in it;
     * when it does (a launch tried before), does nothing and answers empty, so the caller looks for that earlier
     * submission. This sequence runs command after command here; over SSH it is one exec request.
     *
     * @param handle the handle file's text, in which {@link #JOB_ID} stands for the job id sbatch gives
     * @throws UnreachableException when the login node does not answer
     */
    default Optional<Submitted> submitFirst(NewJob job, List<String> sbatch, SlurmCommands commands, String handle)
            throws IOException {
        if (isDirectory(job.dir())) {
            return Optional.empty();
        }
        prepare(job.dir(), job.commandsText(), job.wrapperText(), job.port(), job.uid(), job.gid());
        return Optional.of(new Submitted(commands.run(sbatch), false));
    }

    /** Where the job id goes in {@link #submitFirst}'s handle text. */
    String JOB_ID = "{jobid}";

    /** A small file's content; empty when it does not exist (or cannot be read). */
    Optional<String> read(Path file);

    boolean isDirectory(Path dir);

    /** Writes a small file atomically (best effort: the caller copes with a missing file). */
    void write(Path file, String text);

    void delete(Path file);

    /** Up to {@code maxBytes} of an output file from byte offset {@code from}; empty when nothing new is there. */
    LogChunk readLog(Path file, long from, int maxBytes);
}
