package dev.runplane.api.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.metrics.StatsQueries.RunStats;
import java.util.List;

/**
 * The stats JSON shapes. Times are ISO-8601 strings in UTC, figures are JSON numbers. Unknown figures (no sample
 * yet, no GPU) are written as explicit nulls, overriding the API's default of leaving nulls out, so that every
 * replica and point has the same fields.
 */
final class StatsJson {
    private StatsJson() {
    }

    record StatsBody(List<ReplicaBody> replicas) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReplicaBody(int replicaNum, int submissionNum, PointBody latest, List<PointBody> series) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PointBody(String time, double cpuPercent, long memoryBytes, Double gpuUtilPercent,
                     Long gpuMemoryBytes) {
    }

    static StatsBody of(RunStats stats) {
        return new StatsBody(stats.replicas().stream().map(StatsJson::replica).toList());
    }

    private static ReplicaBody replica(ReplicaStats r) {
        return new ReplicaBody(r.replicaNum(), r.submissionNum(), point(r.latest()),
                r.series().stream().map(StatsJson::point).toList());
    }

    private static PointBody point(Point p) {
        return p == null ? null : new PointBody(p.time().toString(), p.cpuPercent(), p.memoryBytes(),
                p.gpuUtilPercent(), p.gpuMemoryBytes());
    }
}
