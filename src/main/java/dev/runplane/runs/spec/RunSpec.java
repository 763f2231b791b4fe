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
 * @param service         a service's access rule and readiness probes ({@link ServiceOptions#DEFAULT} for tasks)
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
        Map<String, String> backendOptions,
        ServiceOptions service) {

    public RunSpec {
        backendOptions = backendOptions == null ? Map.of() : Map.copyOf(backendOptions);
        service = service == null ? ServiceOptions.DEFAULT : service;
    }

    /** A spec with the default service options. */
    public RunSpec(RunType type, String name, List<String> commands, Map<String, String> env, String workingDir,
                   Replicas replicas, Integer port, Resources resources, Retry retry, Duration maxDuration,
                   Duration stopGracePeriod, String backend, Map<String, String> backendOptions) {
        this(type, name, commands, env, workingDir, replicas, port, resources, retry, maxDuration, stopGracePeriod,
                backend, backendOptions, ServiceOptions.DEFAULT);
    }

    /**
     * @param auth   true (default): only project members' API tokens and the service's own tokens get through the
     *               services endpoint; false: public
     * @param probes all must pass for a replica to be ready; a TCP connect to its port when the spec has none
     */
    public record ServiceOptions(boolean auth, List<Probe> probes) {
        public static final ServiceOptions DEFAULT = new ServiceOptions(true, List.of(Probe.TCP_DEFAULT));

        public ServiceOptions {
            probes = List.copyOf(probes);
        }
    }

    /**
     * A readiness probe. {@code readyAfter} and {@code failureThreshold} count consecutive results.
     *
     * @param path for {@code http}: the path asked with GET; a status 200-399 passes
     */
    public record Probe(Type type, String path, Duration interval, Duration timeout, int readyAfter,
                        int failureThreshold) {
        public static final Probe TCP_DEFAULT = new Probe(Type.TCP, null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 3);

        public enum Type { TCP, HTTP }
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
