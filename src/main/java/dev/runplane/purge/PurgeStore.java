package dev.runplane.purge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The purge's statements. Each one is its own short transaction that deletes at most one batch of rows, found first
 * by their keys through the submission indexes (MariaDB allows no LIMIT in an IN subquery), so the purge holds row
 * locks for milliseconds at a time and the ingestor's inserts are never kept waiting behind it.
 * <p>
 * These are the only statements outside {@code logs} and {@code metrics} that touch their tables: deleting the rows
 * of submissions that no longer exist is not part of either module's own work.
 */
@Component
class PurgeStore {
    private final JdbcClient jdbc;

    PurgeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Queued(long submissionId, Instant queuedAt) {
    }

    List<Queued> queued(int limit) {
        return jdbc.sql("SELECT submission_id, queued_at FROM run_data_purge ORDER BY submission_id LIMIT ?")
                .param(limit)
                .query((rs, i) -> new Queued(rs.getLong(1), rs.getTimestamp(2).toInstant())).list();
    }

    /** @return rows deleted; fewer than {@code batch} means the submission has no more */
    int deleteLogLines(long submissionId, int batch) {
        List<Long> ids = jdbc.sql("SELECT id FROM log_line WHERE submission_id = ? ORDER BY id LIMIT ?")
                .params(submissionId, batch).query(Long.class).list();
        return ids.isEmpty() ? 0 : jdbc.sql("DELETE FROM log_line WHERE id IN (:ids)").param("ids", ids).update();
    }

    int deleteMetricSamples(long submissionId, int batch) {
        List<Long> ids = jdbc.sql("SELECT id FROM metric_sample WHERE submission_id = ? ORDER BY sampled_at LIMIT ?")
                .params(submissionId, batch).query(Long.class).list();
        return ids.isEmpty() ? 0
                : jdbc.sql("DELETE FROM metric_sample WHERE id IN (:ids)").param("ids", ids).update();
    }

    int deleteMetricMinutes(long submissionId, int batch) {
        List<Timestamp> minutes = jdbc.sql("SELECT minute_start FROM metric_minute WHERE submission_id = ? "
                        + "ORDER BY minute_start LIMIT ?")
                .params(submissionId, batch).query(Timestamp.class).list();
        return minutes.isEmpty() ? 0
                : jdbc.sql("DELETE FROM metric_minute WHERE submission_id = ? AND minute_start <= ?")
                        .params(submissionId, minutes.getLast()).update();
    }

    /** Last, once its lines are gone: while it exists, the ingestor's bookkeeping of the submission is intact. */
    void deleteLogProgress(long submissionId) {
        jdbc.sql("DELETE FROM log_progress WHERE submission_id = ?").param(submissionId).update();
    }

    void dequeue(long submissionId) {
        jdbc.sql("DELETE FROM run_data_purge WHERE submission_id = ?").param(submissionId).update();
    }

    /**
     * Queues submissions that have log progress but no longer exist: what deletes left behind before they queued
     * anything (log lines are written with their progress, so every orphaned line has an orphaned progress row).
     * Metric rows of such submissions end with their time-based retention.
     */
    int queueOrphans(Instant now) {
        return jdbc.sql("""
                        INSERT INTO run_data_purge (submission_id, queued_at)
                        SELECT g.submission_id, ? FROM log_progress g
                        WHERE NOT EXISTS (SELECT 1 FROM replica_submission s WHERE s.id = g.submission_id)
                          AND NOT EXISTS (SELECT 1 FROM run_data_purge q WHERE q.submission_id = g.submission_id)""")
                .param(Timestamp.from(now)).update();
    }
}
