package dev.runplane.metrics;

import dev.runplane.execution.BackendHandle;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every write of the metrics jobs, and the reads they need. Stats for users are read by {@link StatsQueries}. */
@Component
class MetricsStore {
    /** A running submission to sample. */
    record Target(long submissionId, String backend, BackendHandle handle) {
    }

    /** One stored sample. */
    record Sample(long submissionId, Instant sampledAt, BigDecimal cpuPercent, long memoryBytes,
                  BigDecimal gpuUtilPercent, Long gpuMemoryBytes) {
    }

    record MinuteKey(long submissionId, Instant minute) {
    }

    /** One submission's samples of one minute, rolled up. GPU figures are null when no sample had any. */
    record Minute(MinuteKey key, int samples, BigDecimal avgCpuPercent, BigDecimal maxCpuPercent,
                  long avgMemoryBytes, long maxMemoryBytes, BigDecimal avgGpuUtilPercent,
                  BigDecimal maxGpuUtilPercent, Long avgGpuMemoryBytes, Long maxGpuMemoryBytes) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    MetricsStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    List<Target> running() {
        List<Target> targets = new ArrayList<>();
        jdbc.sql("SELECT id, backend, backend_handle FROM replica_submission "
                        + "WHERE status = 'RUNNING' AND backend_handle IS NOT NULL")
                .query(rs -> {
                    String handle = rs.getString("backend_handle");
                    if (!handle.isBlank()) {
                        targets.add(new Target(rs.getLong("id"), rs.getString("backend"), new BackendHandle(handle)));
                    }
                });
        return targets;
    }

    void insertSamples(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        INSERT INTO metric_sample
                          (submission_id, sampled_at, cpu_percent, memory_bytes, gpu_util_percent, gpu_memory_bytes)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                samples.stream().map(s -> new Object[]{s.submissionId(), ts(s.sampledAt()), s.cpuPercent(),
                        s.memoryBytes(), s.gpuUtilPercent(), s.gpuMemoryBytes()}).toList());
    }

    /** Streams the samples of {@code [from, before)} in time order, so that memory does not grow with their number. */
    void samplesBetween(Instant from, Instant before, Consumer<Sample> each) {
        jdbc.sql("""
                        SELECT submission_id, sampled_at, cpu_percent, memory_bytes, gpu_util_percent, gpu_memory_bytes
                        FROM metric_sample WHERE sampled_at >= ? AND sampled_at < ? ORDER BY sampled_at""")
                .params(ts(from), ts(before))
                .query(rs -> {
                    each.accept(sample(rs));
                });
    }

    Set<MinuteKey> minutesBetween(Instant from, Instant before) {
        Set<MinuteKey> keys = new HashSet<>();
        jdbc.sql("SELECT submission_id, minute_start FROM metric_minute WHERE minute_start >= ? AND minute_start < ?")
                .params(ts(from), ts(before))
                .query(rs -> {
                    keys.add(new MinuteKey(rs.getLong("submission_id"), rs.getTimestamp("minute_start").toInstant()));
                });
        return keys;
    }

    private static final String INSERT_MINUTE = """
            INSERT INTO metric_minute
              (submission_id, minute_start, samples, avg_cpu_percent, max_cpu_percent, avg_memory_bytes,
               max_memory_bytes, avg_gpu_util_percent, max_gpu_util_percent, avg_gpu_memory_bytes, max_gpu_memory_bytes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Rows another node inserted meanwhile are left as they are: both computed them from the same samples. */
    void insertMinutes(List<Minute> minutes) {
        if (minutes.isEmpty()) {
            return;
        }
        try {
            batch.batchUpdate(INSERT_MINUTE, minutes.stream().map(MetricsStore::args).toList());
        } catch (DuplicateKeyException e) {
            for (Minute minute : minutes) {
                try {
                    batch.update(INSERT_MINUTE, args(minute));
                } catch (DuplicateKeyException alreadyThere) {
                    // inserted by the batch before it failed, or by another node
                }
            }
        }
    }

    int deleteSamplesBefore(Instant before) {
        return jdbc.sql("DELETE FROM metric_sample WHERE sampled_at < ?").param(ts(before)).update();
    }

    int deleteMinutesBefore(Instant before) {
        return jdbc.sql("DELETE FROM metric_minute WHERE minute_start < ?").param(ts(before)).update();
    }

    private static Object[] args(Minute m) {
        return new Object[]{m.key().submissionId(), ts(m.key().minute()), m.samples(), m.avgCpuPercent(),
                m.maxCpuPercent(), m.avgMemoryBytes(), m.maxMemoryBytes(), m.avgGpuUtilPercent(),
                m.maxGpuUtilPercent(), m.avgGpuMemoryBytes(), m.maxGpuMemoryBytes()};
    }

    static Sample sample(ResultSet rs) throws SQLException {
        long gpuMemory = rs.getLong("gpu_memory_bytes");
        Long gpuMemoryBytes = rs.wasNull() ? null : gpuMemory;
        return new Sample(rs.getLong("submission_id"), rs.getTimestamp("sampled_at").toInstant(),
                rs.getBigDecimal("cpu_percent"), rs.getLong("memory_bytes"), rs.getBigDecimal("gpu_util_percent"),
                gpuMemoryBytes);
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
