package dev.runplane.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns a submission's cumulative CPU seconds into a CPU % (100 = one core busy) between two consecutive readings.
 * Keeps one reading per submission; the sampler drops those of submissions that no longer run, so it stays bounded.
 * Not thread-safe: only the sampler's thread uses it.
 */
final class CpuMeter {
    private record Reading(double cpuSeconds, Instant at) {
    }

    private final Map<Long, Reading> previous = new HashMap<>();

    /** @return the CPU % since the previous reading; empty for a first reading or one that cannot be compared */
    OptionalDouble record(long submissionId, double cpuSecondsTotal, Instant at) {
        Reading before = previous.get(submissionId);
        if (before != null && !at.isAfter(before.at())) {
            // No wall time passed (or the clock went back): keep the older reading as the baseline.
            return OptionalDouble.empty();
        }
        previous.put(submissionId, new Reading(cpuSecondsTotal, at));
        if (before == null) {
            return OptionalDouble.empty();
        }
        double cpuSeconds = cpuSecondsTotal - before.cpuSeconds();
        if (cpuSeconds < 0) {
            // A process of the tree ended and its CPU time left the sum: this reading only starts a new baseline.
            return OptionalDouble.empty();
        }
        double wallSeconds = Duration.between(before.at(), at).toNanos() / 1e9;
        return OptionalDouble.of(cpuSeconds / wallSeconds * 100);
    }

    void retainOnly(Set<Long> submissionIds) {
        previous.keySet().retainAll(submissionIds);
    }

    int size() {
        return previous.size();
    }
}
