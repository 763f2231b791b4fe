package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.execution.LogChunk;
import dev.runplane.execution.LogStream;
import dev.runplane.execution.Observation;
import dev.runplane.execution.ResourceSample;
import dev.runplane.execution.StopSignal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs replicas as process groups on this machine (see the package description).
 * <p>
 * The backend keeps no state of its own: everything it needs is in the handle and the replica's directory, so a
 * new instance (after a server restart or a {@code kill -9} of the JVM) observes, signals and reads replicas
 * launched by an earlier one.
 */
public class LocalBackend implements ExecutionBackend {

    private static final String HOST = hostName();

    /** The address the services endpoint reaches a local replica at: it runs on this machine. */
    static final String LOOPBACK = "127.0.0.1";
    static final String DEFAULT_PORTS = "20000-29999";

    private final ReplicaLauncher launcher;
    private final int maxReplicas;

    public LocalBackend(Path replicasRoot, Clock clock) {
        this(replicasRoot, clock, Integer.MAX_VALUE);
    }

    /** @param maxReplicas replicas this host runs at once ({@code runplane.local.max-replicas}); more wait */
    public LocalBackend(Path replicasRoot, Clock clock, int maxReplicas) {
        this(replicasRoot, clock, maxReplicas, DEFAULT_PORTS);
    }

    /** @param ports the range service replicas' ports come from ({@code runplane.local.ports}, e.g. 20000-29999) */
    public LocalBackend(Path replicasRoot, Clock clock, int maxReplicas, String ports) {
        this.launcher = new ReplicaLauncher(Objects.requireNonNull(replicasRoot, "replicasRoot"),
                Objects.requireNonNull(clock, "clock"), PortAllocator.parse(ports, clock));
        this.maxReplicas = maxReplicas;
    }

    /** {@code 127.0.0.1:<port>} of a service replica: the port it was handed at launch (kept in its directory). */
    @Override
    public Optional<String> endpoint(BackendHandle handle) {
        return LocalHandle.parse(handle).flatMap(local -> ReplicaLauncher.port(local.dir()))
                .map(port -> LOOPBACK + ":" + port);
    }

    @Override
    public Optional<String> capacityWait(int activeReplicas) {
        return activeReplicas < maxReplicas ? Optional.empty() : Optional.of("waiting: this host already runs "
                + maxReplicas + " replicas (runplane.local.max-replicas)");
    }

    /** A local replica runs where this server runs. */
    @Override
    public Optional<String> hostAtLaunch(BackendHandle handle) {
        return Optional.of(HOST);
    }

    /** The wrapper's process id, which is also the replica's process group and session. */
    @Override
    public String backendId(BackendHandle handle) {
        return LocalHandle.parse(handle).map(local -> Long.toString(local.pid())).orElse(handle.value());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public BackendHandle launch(LaunchRequest request) {
        return launcher.launch(request).toBackendHandle();
    }

    @Override
    public Map<BackendHandle, Observation> observe(Collection<BackendHandle> handles) {
        Map<BackendHandle, Observation> result = new LinkedHashMap<>();
        for (BackendHandle handle : handles) {
            result.put(handle, LocalHandle.parse(handle).map(this::observe).orElse(Observation.vanished()));
        }
        return result;
    }

    /*
     * The exit code is read both before and after looking at the process: the wrapper records it and then ends, so
     * a process found gone may have written its file in between. A replica stopped with KILL takes its wrapper
     * with it and leaves no exit code, so it is reported vanished; the reconciler knows it sent KILL.
     */
    private Observation observe(LocalHandle handle) {
        Optional<Observation> exited = WrapperRecord.read(handle.dir());
        if (exited.isPresent()) {
            return exited.get();
        }
        if (leader(handle).filter(ProcStat::isAlive).isPresent()) {
            return Observation.running();
        }
        return WrapperRecord.read(handle.dir()).orElse(Observation.vanished());
    }

    @Override
    public void signal(BackendHandle handle, StopSignal signal) {
        LocalHandle.parse(handle).ifPresent(local -> {
            // A leader that exists with the handle's start time is ours, even as a zombie (a zombie still holds
            // its pid, so the group id cannot have been handed to anyone else). Otherwise the pid may be recycled.
            if (leader(local).isPresent()) {
                ProcessGroupSignals.send(local.pid(), signal);
            }
        });
    }

    @Override
    public LogChunk readLog(BackendHandle handle, LogStream stream, long fromOffset, int maxBytes) {
        long from = Math.max(0, fromOffset);
        Optional<LocalHandle> local = LocalHandle.parse(handle);
        if (local.isEmpty() || maxBytes <= 0) {
            return new LogChunk(new byte[0], from);
        }
        Path file = local.get().dir().resolve(stream == LogStream.STDOUT
                ? ReplicaLauncher.STDOUT : ReplicaLauncher.STDERR);
        return LogChunk.readFile(file, from, maxBytes);
    }

    /** Sums the whole session, so processes the replica started (even in their own process groups) count. */
    @Override
    public Optional<ResourceSample> sample(BackendHandle handle) {
        Optional<LocalHandle> local = LocalHandle.parse(handle);
        if (local.isEmpty() || leader(local.get()).filter(ProcStat::isAlive).isEmpty()) {
            return Optional.empty();
        }
        List<ProcStat> members = ProcStat.inSession(local.get().pid());
        long ticks = members.stream().mapToLong(m -> m.userTicks() + m.systemTicks()).sum();
        long rssPages = members.stream().mapToLong(ProcStat::rssPages).sum();
        // GPU figures are host-wide (one nvidia-smi call for all replicas): the sampler finds them by these pids
        Set<Long> pids = members.stream().map(ProcStat::pid).collect(Collectors.toSet());
        return Optional.of(new ResourceSample((double) ticks / HostConstants.CLOCK_TICKS_PER_SECOND,
                rssPages * HostConstants.PAGE_SIZE_BYTES, null, null, pids));
    }

    /** Removes the scripts, which hold the replica's environment (possibly secrets); logs and exit code stay. */
    @Override
    public void forget(BackendHandle handle) {
        LocalHandle.parse(handle).ifPresent(local -> {
            for (String name : List.of(ReplicaScript.COMMANDS, ReplicaScript.WRAPPER)) {
                try {
                    Files.deleteIfExists(local.dir().resolve(name));
                } catch (IOException e) {
                    // Best effort: a leftover script is harmless and the next forget tries again.
                }
            }
        });
    }

    /** The wrapper process, if the handle's pid still belongs to it (same start time). */
    private static Optional<ProcStat> leader(LocalHandle handle) {
        return ProcStat.read(handle.pid()).filter(stat -> stat.startTime() == handle.startTime());
    }

}
