package dev.runplane.execution;

import java.util.Set;

/**
 * Resource usage of a replica's whole process tree at one moment.
 *
 * @param cpuSecondsTotal cumulative user+system CPU seconds of the tree (the sampler turns two of these into a %)
 * @param gpuUtilPercent  null when the backend has no GPU figures of its own
 * @param gpuMemoryBytes  null when the backend has no GPU figures of its own
 * @param localProcessIds the tree's process ids when it runs on this server's host, so that the sampler can find
 *                        the replica's GPU use in {@code nvidia-smi}'s list of processes; empty for replicas that run
 *                        elsewhere
 */
public record ResourceSample(double cpuSecondsTotal, long memoryBytes, Double gpuUtilPercent, Long gpuMemoryBytes,
                             Set<Long> localProcessIds) {

    public ResourceSample {
        localProcessIds = Set.copyOf(localProcessIds);
    }

    /** A sample of a replica that does not run on this host. */
    public ResourceSample(double cpuSecondsTotal, long memoryBytes, Double gpuUtilPercent, Long gpuMemoryBytes) {
        this(cpuSecondsTotal, memoryBytes, gpuUtilPercent, gpuMemoryBytes, Set.of());
    }
}
