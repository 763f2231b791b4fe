package dev.runplane.metrics;

import dev.runplane.replicas.ReplicaQueries;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.runs.RunDetails;
import dev.runplane.runs.RunDetails.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resource stats of a run's <em>current</em> replicas (DESIGN.md, rule 5): a scaled-down or replaced submission is
 * history and never appears here. Windows up to the raw retention are drawn from raw samples, longer ones from the
 * per-minute rows plus the raw samples of the minutes not rolled up yet. Every series is bounded.
 */
@Component
public class StatsQueries {
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** Points of one replica's series, and of all series of one answer together (a run may have 1000 replicas). */
    static final int MAX_POINTS = 500;
    static final int MAX_TOTAL_POINTS = 20_000;

    /** One sample, or the average of the samples of one stretch of a series. GPU figures are null when unknown. */
    public record Point(Instant time, double cpuPercent, long memoryBytes, Double gpuUtilPercent,
                        Long gpuMemoryBytes) {
    }

    /**
     * @param latest the newest sample while the submission is active, null before its first sample and once it
     *               ended (a finished replica uses nothing now, whatever its last sample said)
     * @param series oldest first, within the window
     */
    public record ReplicaStats(int replicaNum, int submissionNum, Point latest, List<Point> series) {
    }

    public record RunStats(Duration window, List<ReplicaStats> replicas) {
    }

    private final JdbcClient jdbc;
    private final RunDetails runs;
    private final ReplicaQueries replicas;
    private final Clock clock;
    private final MetricsProperties settings;

    StatsQueries(JdbcClient jdbc, RunDetails runs, ReplicaQueries replicas, Clock clock, MetricsProperties settings) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.replicas = replicas;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * @throws dev.runplane.base.NotFoundException when the reader cannot see the project or run
     * @throws IllegalArgumentException            when the window is not positive or longer than {@link #MAX_WINDOW}
     */
    @Transactional(readOnly = true)
    public RunStats stats(String reader, String project, String run, Duration window) {
        if (window == null || window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most 7 days");
        }
        RunSummary summary = runs.summary(reader, project, run);
        List<ReplicaRow> current = replicas.live(summary.id(), summary.desiredReplicas());
        if (current.isEmpty()) {
            return new RunStats(window, List.of());
        }
        Instant now = clock.instant();
        Instant from = now.minus(window);
        List<Long> ids = current.stream().map(ReplicaRow::id).toList();
        int maxPoints = Math.clamp(MAX_TOTAL_POINTS / ids.size(), 10, MAX_POINTS);
        Map<Long, SeriesBuilder> series = new LinkedHashMap<>();
        ids.forEach(id -> series.put(id, new SeriesBuilder(from, window, maxPoints)));
        if (window.compareTo(settings.rawRetention()) <= 0) {
            rawSeries(ids, from, Map.of(), series);
        } else {
            rawSeries(ids, now.minus(settings.rawRetention()), minuteSeries(ids, from, series), series);
        }
        Map<Long, Point> latest = latest(ids);
        return new RunStats(window, current.stream().map(r -> new ReplicaStats(r.replicaNum(), r.submissionNum(),
                r.status().isActive() ? latest.get(r.id()) : null, series.get(r.id()).build())).toList());
    }

    /** @param after per submission, raw samples before this time are left out (they are in minute rows already) */
    private void rawSeries(List<Long> ids, Instant from, Map<Long, Instant> after, Map<Long, SeriesBuilder> series) {
        jdbc.sql("""
                        SELECT submission_id, sampled_at, cpu_percent, memory_bytes, gpu_util_percent, gpu_memory_bytes
                        FROM metric_sample WHERE submission_id IN (:ids) AND sampled_at >= :from
                        ORDER BY submission_id, sampled_at""")
                .param("ids", ids).param("from", Timestamp.from(from))
                .query(rs -> {
                    long id = rs.getLong("submission_id");
                    Point point = point(rs, "sampled_at", "");
                    Instant start = after.get(id);
                    if (start == null || !point.time().isBefore(start)) {
                        series.get(id).add(point);
                    }
                });
    }

    /** @return per submission, the end of its last minute row */
    private Map<Long, Instant> minuteSeries(List<Long> ids, Instant from, Map<Long, SeriesBuilder> series) {
        Map<Long, Instant> ends = new HashMap<>();
        jdbc.sql("""
                        SELECT submission_id, minute_start, avg_cpu_percent, avg_memory_bytes, avg_gpu_util_percent,
                               avg_gpu_memory_bytes
                        FROM metric_minute WHERE submission_id IN (:ids) AND minute_start >= :from
                        ORDER BY submission_id, minute_start""")
                .param("ids", ids).param("from", Timestamp.from(from))
                .query(rs -> {
                    long id = rs.getLong("submission_id");
                    Point point = point(rs, "minute_start", "avg_");
                    series.get(id).add(point);
                    ends.put(id, point.time().plus(Duration.ofMinutes(1)));
                });
        return ends;
    }

    private Map<Long, Point> latest(List<Long> ids) {
        Map<Long, Point> latest = new HashMap<>();
        jdbc.sql("""
                        SELECT s.submission_id, s.sampled_at, s.cpu_percent, s.memory_bytes, s.gpu_util_percent,
                               s.gpu_memory_bytes
                        FROM metric_sample s
                        JOIN (SELECT submission_id, MAX(sampled_at) AS newest FROM metric_sample
                              WHERE submission_id IN (:ids) GROUP BY submission_id) n
                          ON n.submission_id = s.submission_id AND n.newest = s.sampled_at""")
                .param("ids", ids)
                .query(rs -> {
                    latest.put(rs.getLong("submission_id"), point(rs, "sampled_at", ""));
                });
        return latest;
    }

    private static Point point(ResultSet rs, String timeColumn, String prefix) throws SQLException {
        double gpuUtil = rs.getDouble(prefix + "gpu_util_percent");
        Double gpuUtilPercent = rs.wasNull() ? null : gpuUtil;
        long gpuMemory = rs.getLong(prefix + "gpu_memory_bytes");
        Long gpuMemoryBytes = rs.wasNull() ? null : gpuMemory;
        return new Point(rs.getTimestamp(timeColumn).toInstant(), rs.getDouble(prefix + "cpu_percent"),
                rs.getLong(prefix + "memory_bytes"), gpuUtilPercent, gpuMemoryBytes);
    }
}
