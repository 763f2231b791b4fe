package dev.runplane.execution.slurm;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Test-side access to one observation poll of the Slurm backend (the observer's own {@code squeue --json},
 * {@code sstat} and, over SSH, the job-directory markers), for the benchmarks outside this package.
 */
public final class SlurmPollProbe implements AutoCloseable {
    private final SlurmCommands commands;
    private final SlurmObserver observer;

    private SlurmPollProbe(SlurmCommands commands, JobFiles files) {
        this.commands = commands;
        this.observer = new SlurmObserver(commands, files, Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofHours(1));
    }

    public static SlurmPollProbe local() {
        return new SlurmPollProbe(new LocalSlurmCommands(Duration.ofSeconds(30)), new LocalJobFiles());
    }

    public static SlurmPollProbe ssh(int port, Path privateKey, Path knownHosts) {
        SlurmCommands commands = new SshSlurmCommands(new SlurmProperties.Ssh("127.0.0.1", port, "root", privateKey,
                knownHosts, false, Duration.ofSeconds(2)), Duration.ofSeconds(30), Clock.systemUTC());
        return new SlurmPollProbe(commands, new RemoteJobFiles(commands, Clock.systemUTC()));
    }

    /** One whole poll, on the caller's thread (the observer's own thread is never started here). */
    public long pollNanos() {
        long start = System.nanoTime();
        observer.findByComment("runplane:/no/such/job");
        return System.nanoTime() - start;
    }

    /** How many of Runplane's jobs (by their comment) squeue shows now. */
    public int jobsSeen() {
        return observer.parseSqueue(commands.run(List.of("squeue", "--json")).out()).size();
    }

    @Override
    public void close() {
        observer.close();
        commands.close();
    }
}
