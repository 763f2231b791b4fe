package dev.runplane.metrics;

import dev.runplane.metrics.MetricsStore.Minute;
import dev.runplane.metrics.MetricsStore.MinuteKey;
import dev.runplane.metrics.MetricsStore.Sample;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rolls raw samples up into one row per submission and minute. Samples are added one by one (streamed from the
 * database), so memory grows with the number of minutes, not of samples.
 */
final class MinuteRollup {
    /**
     * How long after a minute ends its samples may still arrive: a sample is stamped when the backend answers and
     * stored at the end of the sampler's pass.
     */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final Map<MinuteKey, Totals> totals = new HashMap<>();

    /** Minutes that start before the returned instant are complete at {@code now} and may be rolled up. */
    static Instant completeBefore(Instant now) {
        return now.minus(GRACE).truncatedTo(ChronoUnit.MINUTES);
    }

    void add(Sample sample) {
        MinuteKey key = new MinuteKey(sample.submissionId(), sample.sampledAt().truncatedTo(ChronoUnit.MINUTES));
        totals.computeIfAbsent(key, k -> new Totals()).add(sample);
    }

    /** The rolled-up rows in time order, leaving out minutes that were rolled up before (the job is idempotent). */
    List<Minute> minutes(Set<MinuteKey> alreadyStored) {
        List<Minute> rows = new ArrayList<>();
        totals.forEach((key, t) -> {
            if (!alreadyStored.contains(key)) {
                rows.add(t.toMinute(key));
            }
        });
        rows.sort(Comparator.comparing((Minute m) -> m.key().minute())
                .thenComparingLong(m -> m.key().submissionId()));
        return rows;
    }

    private static final class Totals {
        int samples;
        BigDecimal cpuSum = BigDecimal.ZERO;
        BigDecimal cpuMax;
        long memorySum;
        long memoryMax;
        int gpuUtilSamples;
        BigDecimal gpuUtilSum = BigDecimal.ZERO;
        BigDecimal gpuUtilMax;
        int gpuMemorySamples;
        long gpuMemorySum;
        Long gpuMemoryMax;

        void add(Sample s) {
            samples++;
            cpuSum = cpuSum.add(s.cpuPercent());
            cpuMax = cpuMax == null || s.cpuPercent().compareTo(cpuMax) > 0 ? s.cpuPercent() : cpuMax;
            memorySum += s.memoryBytes();
            memoryMax = Math.max(memoryMax, s.memoryBytes());
            if (s.gpuUtilPercent() != null) {
                gpuUtilSamples++;
                gpuUtilSum = gpuUtilSum.add(s.gpuUtilPercent());
                gpuUtilMax = gpuUtilMax == null || s.gpuUtilPercent().compareTo(gpuUtilMax) > 0
                        ? s.gpuUtilPercent() : gpuUtilMax;
            }
            if (s.gpuMemoryBytes() != null) {
                gpuMemorySamples++;
                gpuMemorySum += s.gpuMemoryBytes();
                gpuMemoryMax = gpuMemoryMax == null ? s.gpuMemoryBytes() : Math.max(gpuMemoryMax, s.gpuMemoryBytes());
            }
        }

        Minute toMinute(MinuteKey key) {
            return new Minute(key, samples, average(cpuSum, samples), cpuMax, Math.round((double) memorySum / samples),
                    memoryMax, gpuUtilSamples == 0 ? null : average(gpuUtilSum, gpuUtilSamples), gpuUtilMax,
                    gpuMemorySamples == 0 ? null : Math.round((double) gpuMemorySum / gpuMemorySamples),
                    gpuMemoryMax);
        }

        private static BigDecimal average(BigDecimal sum, int count) {
            return sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        }
    }
}
