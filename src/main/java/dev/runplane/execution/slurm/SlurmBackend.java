package dev.runplane.execution.slurm;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.execution.LogChunk;
import dev.runplane.execution.LogStream;
import dev.runplane.execution.Observation;
import dev.runplane.execution.Observation.Ending;
import dev.runplane.execution.ResourceSample;
import dev.runplane.execution.StopSignal;
import dev.runplane.execution.slurm.SlurmJobStates.Phase;
import dev.runplane.execution.slurm.SlurmObserver.Completed;
import dev.runplane.execution.slurm.SlurmObserver.Job;
import dev.runplane.execution.slurm.JobFiles.WrapperRecord;
import dev.runplane.execution.slurm.SlurmObserver.Snapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs replicas as Slurm batch jobs, the client commands running on this machine (a login node) or on a login
 * node over SSH ({@link SlurmCommands}), the job directories seen here or through the login node ({@link
 * JobFiles}). Observation comes from {@link SlurmObserver}'s shared snapshot, never from a command per job; how a job's
 * state becomes a termination reason is {@link SlurmJobStates}'s table. Nothing is kept that the handle and the
 * job's directory do not hold, so a server killed with SIGKILL re-adopts every job by its id.
 */
public class SlurmBackend implements ExecutionBackend, AutoCloseable {
    private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

    /** Price per hour of one replica on one partition: base + per CPU + per GiB + per GPU. */
    public record Price(BigDecimal base, BigDecimal perCpu, BigDecimal perGib, BigDecimal perGpu) {
    }

    private final SlurmProperties properties;
    private final SlurmCommands commands;
    private final JobFiles files;
    private final SlurmObserver observer;
    private final SlurmSubmitter submitter;
    private final Map<String, Price> prices;
    private volatile String defaultPartition;

    public SlurmBackend(SlurmProperties properties, Path jobRoot, Map<String, Price> prices, Clock clock) {
        this.properties = properties;
        boolean ssh = properties.mode() == SlurmProperties.Mode.SSH;
        this.commands = ssh ? new SshSlurmCommands(properties.ssh(), properties.commandTimeout(), clock)
                : new LocalSlurmCommands(properties.commandTimeout());
        // over SSH without the shared filesystem mounted here, the job directories are the login node's too
        this.files = ssh && !properties.ssh().jobDirVisible() ? new RemoteJobFiles(commands, clock)
                : new LocalJobFiles();
        this.observer = new SlurmObserver(commands, files, clock, properties.pollInterval(),
                properties.launchPollInterval());
        this.submitter = new SlurmSubmitter(properties, jobRoot.toAbsolutePath().normalize(), commands, files,
                observer);
        this.prices = prices == null ? Map.of() : Map.copyOf(prices);
        observer.start();
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public void onObservedChange(Runnable listener) {
        observer.onLaunchSeen(listener);
    }

    @Override
    public BackendHandle launch(LaunchRequest request) {
        return submitter.submit(request).toBackendHandle();
    }

    @Override
    public Map<BackendHandle, Observation> observe(Collection<BackendHandle> handles) {
        Snapshot snapshot = observer.snapshot();
        Map<BackendHandle, Observation> result = new LinkedHashMap<>();
        for (BackendHandle handle : handles) {
            result.put(handle, SlurmHandle.parse(handle).map(h -> observe(h, snapshot))
                    .orElse(Observation.vanished()));
        }
        return result;
    }

    private Observation observe(SlurmHandle handle, Snapshot snapshot) {
        Optional<SlurmObserver.Unreachable> unreachable = observer.unreachable();
        if (unreachable.isPresent()) {
            return lastKnown(handle, snapshot, unreachable.get().message());
        }
        if (snapshot == Snapshot.NONE) {
            // no squeue has answered since this server started: a missing job means nothing yet
            return Observation.pending("Slurm: asking for the queue");
        }
        return observeReachable(handle, snapshot);
    }

    private Observation observeReachable(SlurmHandle handle, Snapshot snapshot) {
        Job job = snapshot.jobs().get(handle.jobId());
        if (job != null && SlurmJobStates.phase(job.state()) == Phase.PENDING) {
            // its wrapper has not begun: nothing in its directory to know
            return pending(handle, job);
        }
        Optional<JobFiles.Markers> markers = files.markers(handle.dir());
        if (markers.isEmpty()) {
            // read over SSH in the next poll, never here
            return Observation.pending("Slurm: looking the job up");
        }
        Optional<WrapperRecord> record = markers.get().ended();
        if (job != null) {
            return switch (SlurmJobStates.phase(job.state())) {
                case PENDING -> pending(handle, job);
                case RUNNING -> markers.get().started() ? withEndpoint(Observation.running().onHost(job.nodes()),
                        job.nodes(), markers.get().port())
                        : Observation.pending("Slurm: starting on " + job.nodes()).onHost(job.nodes());
                case ENDED -> ended(job.state(), record.map(WrapperRecord::exitCode)
                        .orElse(SlurmJobStates.exitCode(job.rawExit())), record.map(WrapperRecord::endedAt)
                        .orElse(job.endEpochSeconds() > 0 ? Instant.ofEpochSecond(job.endEpochSeconds()) : null),
                        job.nodes());
            };
        }
        Instant launchedAt = observer.launchedAt(handle.jobId());
        if (launchedAt != null && !snapshot.takenAt().isAfter(launchedAt)) {
            // submitted after the last squeue began: not in it yet
            return Observation.pending("Slurm: submitted");
        }
        // squeue no longer shows it (past MinJobAge, or the server was down that long): the job-completion log
        Optional<Optional<Completed>> completed = observer.completed(handle.jobId());
        if (completed.isEmpty()) {
            return Observation.pending("Slurm: looking the job up");
        }
        if (completed.get().isPresent()) {
            Completed c = completed.get().get();
            return ended(c.state(), record.map(WrapperRecord::exitCode).orElse(c.exitCode()),
                    record.map(WrapperRecord::endedAt).orElse(c.end()), c.nodes());
        }
        return record.map(r -> Observation.exited(r.exitCode()).endedAt(r.endedAt())).orElse(Observation.vanished());
    }

    /**
     * While the controller does not answer, a slot keeps the state of the last snapshot with the outage on it:
     * nothing is declared ended or lost from silence. A job the last snapshot saw ending is reported as it was.
     */
    private Observation lastKnown(SlurmHandle handle, Snapshot snapshot, String message) {
        Job job = snapshot.jobs().get(handle.jobId());
        if (job == null) {
            return Observation.pending(message);
        }
        return switch (SlurmJobStates.phase(job.state())) {
            case PENDING -> Observation.pending(message);
            case RUNNING -> new Observation(started(handle) ? Observation.State.RUNNING : Observation.State.PENDING,
                    null, null, null, message, null).onHost(job.nodes());
            // the ending was seen before the outage: the ordinary table applies
            case ENDED -> observeReachable(handle, snapshot);
        };
    }

    /** A service replica listens on its node's address at its {@code PORT}. */
    private Observation withEndpoint(Observation seen, String node, Integer port) {
        String address = port == null ? null : observer.address(node);
        return address == null ? seen : seen.listeningAt(address + ":" + port);
    }

    /** Slurm queues by itself; only while its controller does not answer does a launch wait (no sbatch then). */
    @Override
    public Optional<String> capacityWait(int activeReplicas) {
        return observer.unreachable().map(u -> "waiting: " + u.message());
    }

    private boolean started(SlurmHandle handle) {
        return files.markers(handle.dir()).map(JobFiles.Markers::started).orElse(false);
    }

    private Observation pending(SlurmHandle handle, Job job) {
        if (SlurmJobStates.hopeless(job.reason())) {
            // it would wait forever looking harmless: end it, and the slot says Slurm's reason
            observer.cancelLater(handle.jobId());
            return new Observation(Observation.State.EXITED, null, Ending.UNSATISFIABLE, null,
                    SlurmJobStates.words(job.reason()), null);
        }
        return Observation.pending(SlurmJobStates.words(job.reason()));
    }

    private static Observation ended(String state, int exitCode, Instant endedAt, String nodes) {
        Observation seen = Observation.exited(exitCode).endedAs(SlurmJobStates.ending(state)).endedAt(endedAt);
        return nodes == null || nodes.isBlank() || nodes.equals("(null)") ? seen : seen.onHost(nodes);
    }

    /**
     * TERM: a pending job is cancelled outright (TERM to a pending job can hang in Slurm); a running one gets
     * {@code scancel --signal=TERM --full}, which reaches the batch script (without {@code --full} only steps get
     * it). KILL: the script is killed at once and the job cancelled.
     */
    @Override
    public void signal(BackendHandle handle, StopSignal signal) {
        SlurmHandle.parse(handle).ifPresent(slurm -> {
            String id = Long.toString(slurm.jobId());
            Job job = observer.snapshot().jobs().get(slurm.jobId());
            if (job != null && SlurmJobStates.phase(job.state()) == Phase.ENDED) {
                return;
            }
            // until the batch script runs, a signal to it is lost: such a job is cancelled outright
            boolean running = job != null && SlurmJobStates.phase(job.state()) == Phase.RUNNING && started(slurm);
            if (signal == StopSignal.TERM && running) {
                commands.run(List.of("scancel", "--signal=TERM", "--full", id));
            } else if (signal == StopSignal.KILL && running) {
                commands.run(List.of("scancel", "--signal=KILL", "--full", id));
                commands.run(List.of("scancel", id));
            } else {
                commands.run(List.of("scancel", id));
            }
            observer.wakeUp();
        });
    }

    @Override
    public LogChunk readLog(BackendHandle handle, LogStream stream, long fromOffset, int maxBytes) {
        long from = Math.max(0, fromOffset);
        Optional<SlurmHandle> slurm = SlurmHandle.parse(handle);
        if (slurm.isEmpty() || maxBytes <= 0) {
            return new LogChunk(new byte[0], from);
        }
        Path file = slurm.get().dir().resolve(stream == LogStream.STDOUT ? SlurmSubmitter.STDOUT
                : SlurmSubmitter.STDERR);
        return files.readLog(file, from, maxBytes);
    }

    /** From the last poll's one {@code sstat -a} for all running jobs. */
    @Override
    public Optional<ResourceSample> sample(BackendHandle handle) {
        return SlurmHandle.parse(handle).flatMap(slurm -> observer.stats(slurm.jobId()));
    }

    @Override
    public String backendId(BackendHandle handle) {
        return SlurmHandle.parse(handle).map(h -> Long.toString(h.jobId())).orElse(handle.value());
    }

    /** {@code runplane.billing.prices.slurm.<partition>.*}, for the partition the job goes to. */
    @Override
    public Optional<BigDecimal> pricePerHour(LaunchRequest request) {
        String partition = request.backendOptions().getOrDefault("partition", properties.defaultPartition());
        if (partition == null || partition.isBlank()) {
            partition = slurmDefaultPartition();
        }
        Price price = partition == null ? null : prices.get(partition);
        if (price == null) {
            price = prices.get("default");
        }
        if (price == null) {
            return Optional.empty();
        }
        LaunchRequest.Resources r = request.resources();
        // Slurm allocates whole CPUs, so that is what is billed
        BigDecimal cpus = r.cpu().setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE);
        BigDecimal gib = BigDecimal.valueOf(r.memoryBytes()).divide(GIB, 6, RoundingMode.HALF_UP);
        return Optional.of(nz(price.base()).add(nz(price.perCpu()).multiply(cpus))
                .add(nz(price.perGib()).multiply(gib))
                .add(nz(price.perGpu()).multiply(BigDecimal.valueOf(r.gpu())))
                .setScale(6, RoundingMode.HALF_UP));
    }

    /** The partition Slurm uses for jobs that name none (sinfo marks it with '*'); asked once. */
    private String slurmDefaultPartition() {
        String known = defaultPartition;
        if (known == null) {
            SlurmCommands.Result sinfo = commands.run(List.of("sinfo", "-h", "-o", "%P"));
            known = sinfo.out().lines().map(String::strip).filter(p -> p.endsWith("*"))
                    .map(p -> p.substring(0, p.length() - 1)).findFirst().orElse("");
            if (sinfo.ok()) {
                defaultPartition = known;
            }
        }
        return known.isEmpty() ? null : known;
    }

    /** Removes the commands script, which holds the replica's environment (possibly secrets). */
    @Override
    public void forget(BackendHandle handle) {
        SlurmHandle.parse(handle).ifPresent(slurm -> files.delete(slurm.dir().resolve(SlurmSubmitter.COMMANDS)));
    }

    @Override
    public void close() {
        observer.close();
        commands.close();
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
