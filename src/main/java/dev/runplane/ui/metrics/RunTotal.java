package dev.runplane.ui.metrics;

import dev.runplane.ui.metrics.LineChart.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's total of a figure (CPU, memory) over time, summed from the replicas' own series. The replicas are
 * sampled at different moments, so the window is cut into equal buckets and each replica counts with its latest
 * sample up to the bucket's end, as long as that sample is recent enough to still describe it (a replica that
 * started late, or stopped reporting, adds nothing where it has no samples).
 */
final class RunTotal {
    static final int BUCKETS = 200;

    private RunTotal() {
    }

    static List<Sample> of(List<List<Sample>> replicas, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long bucket = Math.max(1, span / BUCKETS);
        List<Sample> total = new ArrayList<>();
        int[] next = new int[replicas.size()];
        long[] hold = new long[replicas.size()];
        for (int r = 0; r < replicas.size(); r++) {
            hold[r] = Math.max(2 * bucket, 3 * typicalGap(replicas.get(r), bucket));
        }
        for (int b = 1; b <= BUCKETS; b++) {
            Instant end = from.plusMillis(b * span / BUCKETS);
            double sum = 0;
            boolean any = false;
            for (int r = 0; r < replicas.size(); r++) {
                List<Sample> series = replicas.get(r);
                while (next[r] < series.size() && !series.get(next[r]).time().isAfter(end)) {
                    next[r]++;
                }
                if (next[r] == 0) {
                    continue;
                }
                Sample latest = series.get(next[r] - 1);
                long age = Duration.between(latest.time(), end).toMillis();
                if (age <= hold[r]) {
                    sum += latest.value();
                    any = true;
                }
            }
            if (any) {
                total.add(new Sample(end, sum));
            }
        }
        return total;
    }

    /** The median time between a series' samples, or one bucket when it has fewer than two. */
    private static long typicalGap(List<Sample> series, long bucket) {
        if (series.size() < 2) {
            return bucket;
        }
        long[] gaps = new long[series.size() - 1];
        for (int i = 1; i < series.size(); i++) {
            gaps[i - 1] = Duration.between(series.get(i - 1).time(), series.get(i).time()).toMillis();
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
