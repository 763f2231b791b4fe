package dev.runplane.runs.spec;

import dev.runplane.runs.RunType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated run spec. Instances come only from {@link RunSpecParser}, so every field is within its limits.
 *
 * @param workingDir      null when not given (the backend picks the replica's own directory)
 * @param port            null for tasks and for services that did not set one; a hint only for backends that do not
 *                        pick ports (Slurm: replica i gets {@code port + i}); the local backend hands each submission
 *                        a free port of its own range
 * @param maxDuration     null when unlimited
 * @param backendOptions  the section of the chosen backend ({@code slurm: {partition, account, qos, constraint}});
 *                        empty when the spec has none
 */
public record RunSpec(
        RunType type,
        String name,
        List<String> commands,
        Map<String, String> env,
        String workingDir,
        Replicas replicas,
        Integer port,
        Resources resources,
        Retry retry,
        Duration maxDuration,
        Duration stopGracePeriod,
        String backend,
        Map<String, String> backendOptions) {

    public RunSpec {
        backendOptions = backendOptions == null ? Map.of() : Map.copyOf(backendOptions);
    }

    /** A spec without a backend section. */
    public RunSpec(RunType type, String name, List<String> commands, Map<String, String> env, String workingDir,
                   Replicas replicas, Integer port, Resources resources, Retry retry, Duration maxDuration,
                   Duration stopGracePeriod, String backend) {
        this(type, name, commands, env, workingDir, replicas, port, resources, retry, maxDuration, stopGracePeriod,
                backend, Map.of());
    }

    /** {@code replicas: 2} is {@code (2, 2)}; {@code replicas: "1..4"} is {@code (1, 4)}, stored for autoscaling. */
    public record Replicas(int min, int max) {
        /** The count a new run starts with. */
        public int initial() {
            return min;
        }
    }

    /** @param memoryBytes memory per replica in bytes */
    public record Resources(BigDecimal cpu, long memoryBytes, int gpu) {
    }

    public enum RetryOn {
        /** the replica exited with a non-zero code or failed to start */
        ERROR,
        /** the replica vanished (killed with its wrapper, host rebooted...) */
        LOST
    }

    /** @param limit how many times one replica number is started again after failing; 0 = never */
    public record Retry(Set<RetryOn> on, int limit) {
        public static final Retry NONE = new Retry(Set.of(), 0);

        public boolean covers(RetryOn cause) {
            return limit > 0 && on.contains(cause);
        }
    }
}
