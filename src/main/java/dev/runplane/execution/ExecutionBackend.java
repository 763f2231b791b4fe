package dev.runplane.execution;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One place replicas can run. Every method must be safe to call again with the same arguments (the reconciler is
 * level-triggered and may repeat itself after a crash), and none may block for long.
 */
public interface ExecutionBackend {

    /** The name a run spec uses to pick this backend, e.g. {@code local}. */
    String name();

    /**
     * Starts one replica submission and returns its handle, which the caller persists before doing anything else.
     *
     * @throws LaunchFailedException when the replica could not be started; the message is shown to users
     */
    BackendHandle launch(LaunchRequest request);

    /** What each handle's replica is doing now. Every handle passed in has an entry in the result. */
    Map<BackendHandle, Observation> observe(Collection<BackendHandle> handles);

    /** Sends a signal to the replica's whole process tree. A replica that is already gone is not an error. */
    void signal(BackendHandle handle, StopSignal signal);

    /** Reads raw output bytes of one stream from a byte offset; empty when nothing new is there. */
    LogChunk readLog(BackendHandle handle, LogStream stream, long fromOffset, int maxBytes);

    /** Resource usage of the replica's whole process tree now, or empty when it is not running. */
    Optional<ResourceSample> sample(BackendHandle handle);

    /**
     * Why a new replica must wait before it is launched, given how many replicas of this backend are active now,
     * or empty when it may go. A backend that queues by itself (Slurm) never makes it wait here.
     */
    default Optional<String> capacityWait(int activeReplicas) {
        return Optional.empty();
    }

    /**
     * The machine a launched replica runs on, as far as it is known at launch (the local backend: this server);
     * empty when it is known only later from an {@link Observation#host()} (a Slurm node).
     */
    default Optional<String> hostAtLaunch(BackendHandle handle) {
        return Optional.empty();
    }

    /**
     * Where a service replica listens ({@code host:port}), for the services endpoint; empty when the backend does
     * not know (a task, or a backend that does not pick ports).
     */
    default Optional<String> endpoint(BackendHandle handle) {
        return Optional.empty();
    }

    /** The backend's own id of the replica, as an administrator finds it in the backend's tools (pid, job id). */
    default String backendId(BackendHandle handle) {
        return handle.value();
    }

    /** Price per hour of one replica, when the backend prices by its own rules (Slurm: per partition). */
    default Optional<BigDecimal> pricePerHour(LaunchRequest request) {
        return Optional.empty();
    }

    /**
     * Registers who to tell when the backend has seen something the reconciler would otherwise learn only at its
     * next tick (a Slurm job that began running). The backend calls it from its own thread and must not wait for it.
     * A backend that is asked at every pass anyway (local processes) never calls it.
     */
    default void onObservedChange(Runnable listener) {
    }

    /** Releases what the backend keeps for a finished replica (never its log files: they are ingested first). */
    default void forget(BackendHandle handle) {
    }
}
