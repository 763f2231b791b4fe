package dev.runplane.metrics;

import dev.runplane.metrics.StatsQueries.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds a series: the window is cut into at most {@code maxPoints} equal buckets and the points of one bucket are
 * averaged into one, stamped with the bucket's latest time. Points must be added in time order; a bucket that
 * holds a single point keeps it exactly.
 */
final class SeriesBuilder {
    private final Instant from;
    private final long bucketMillis;
    private final int maxPoints;
    private final List<Point> points = new ArrayList<>();

    private long bucket = -1;
    private int count;
    private double cpuSum;
    private double memorySum;
    private int gpuUtilCount;
    private double gpuUtilSum;
    private int gpuMemoryCount;
    private double gpuMemorySum;
    private Instant last;

    SeriesBuilder(Instant from, Duration window, int maxPoints) {
        this.from = from;
        this.maxPoints = Math.max(1, maxPoints);
        this.bucketMillis = Math.max(1, window.toMillis() / this.maxPoints + 1);
    }

    void add(Point point) {
        long b = Math.clamp(Duration.between(from, point.time()).toMillis() / bucketMillis, 0, maxPoints - 1);
        if (b > bucket) {
            flush();
            bucket = b;
        }
        count++;
        cpuSum += point.cpuPercent();
        memorySum += point.memoryBytes();
        if (point.gpuUtilPercent() != null) {
            gpuUtilCount++;
            gpuUtilSum += point.gpuUtilPercent();
        }
        if (point.gpuMemoryBytes() != null) {
            gpuMemoryCount++;
            gpuMemorySum += point.gpuMemoryBytes();
        }
        last = point.time();
    }

    List<Point> build() {
        flush();
        return List.copyOf(points);
    }

    private void flush() {
        if (count == 0) {
            return;
        }
        points.add(new Point(last, round2(cpuSum / count), Math.round(memorySum / count),
                gpuUtilCount == 0 ? null : round2(gpuUtilSum / gpuUtilCount),
                gpuMemoryCount == 0 ? null : Math.round(gpuMemorySum / gpuMemoryCount)));
        count = 0;
        cpuSum = 0;
        memorySum = 0;
        gpuUtilCount = 0;
        gpuUtilSum = 0;
        gpuMemoryCount = 0;
        gpuMemorySum = 0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
