package dev.runplane.execution;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to start one replica submission.
 *
 * @param submissionId   database id of the submission; backends use it (never a user-chosen name) for paths
 * @param environment    the spec's env plus Runplane's own variables ({@code RUNPLANE_*}, {@code PORT}); values are
 *                       passed byte-for-byte, never interpreted by Runplane
 * @param workingDir     may be null: the backend picks the replica's own directory
 * @param resources      what one replica asks for; a backend that schedules (Slurm) requests exactly this
 * @param maxDuration    null when unlimited; a backend with time limits (Slurm's {@code --time}) enforces it too
 * @param backendOptions the spec's section for this backend (e.g. {@code slurm: {partition: gpu}}), validated
 * @param service        a service replica, which listens on {@code $PORT}: a backend that can pick a free port
 *                       (local) sets {@code PORT} itself and reports it as the submission's
 *                       {@link ExecutionBackend#endpoint endpoint}
 */
public record LaunchRequest(
        long submissionId,
        String project,
        String run,
        int replicaNum,
        int submissionNum,
        List<String> commands,
        Map<String, String> environment,
        String workingDir,
        Resources resources,
        Duration maxDuration,
        Map<String, String> backendOptions,
        boolean service) {

    /** @param memoryBytes memory per replica in bytes */
    public record Resources(BigDecimal cpu, long memoryBytes, int gpu) {
        public static final Resources DEFAULT = new Resources(BigDecimal.ONE, 512_000_000L, 0);
    }

    public LaunchRequest {
        commands = List.copyOf(commands);
        environment = Map.copyOf(environment);
        resources = resources == null ? Resources.DEFAULT : resources;
        backendOptions = backendOptions == null ? Map.of() : Map.copyOf(backendOptions);
    }

    /** A task's request. */
    public LaunchRequest(long submissionId, String project, String run, int replicaNum, int submissionNum,
                         List<String> commands, Map<String, String> environment, String workingDir,
                         Resources resources, Duration maxDuration, Map<String, String> backendOptions) {
        this(submissionId, project, run, replicaNum, submissionNum, commands, environment, workingDir, resources,
                maxDuration, backendOptions, false);
    }

    /** The same request with a different environment (a backend adding what only it knows, like {@code PORT}). */
    public LaunchRequest withEnvironment(Map<String, String> newEnvironment) {
        return new LaunchRequest(submissionId, project, run, replicaNum, submissionNum, commands, newEnvironment,
                workingDir, resources, maxDuration, backendOptions, service);
    }

    /** A request with default resources, no time limit and no backend options. */
    public LaunchRequest(long submissionId, String project, String run, int replicaNum, int submissionNum,
                         List<String> commands, Map<String, String> environment, String workingDir) {
        this(submissionId, project, run, replicaNum, submissionNum, commands, environment, workingDir, null, null,
                null);
    }
}
