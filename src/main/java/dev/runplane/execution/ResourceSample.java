package dev.runplane.execution;

/**
 * Resource usage of a replica's whole process tree at one moment.
 *
 * @param cpuSecondsTotal cumulative user+system CPU seconds of the tree (the sampler turns two of these into a %)
 * @param gpuUtilPercent  null when no GPU figures are available
 * @param gpuMemoryBytes  null when no GPU figures are available
 */
public record ResourceSample(double cpuSecondsTotal, long memoryBytes, Double gpuUtilPercent, Long gpuMemoryBytes) {
}
