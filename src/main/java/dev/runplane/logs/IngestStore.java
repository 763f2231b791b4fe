package dev.runplane.logs;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ingestor's reads and its one batched write (lines plus progress, in the caller's transaction). */
@Component
class IngestStore {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    IngestStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A submission whose output is not completely ingested yet. */
    record Target(long submissionId, long runId, String project, String run, int replicaNum, int submissionNum,
                  String backend, String handle, boolean finished, long stdoutOffset, long stderrOffset,
                  long nextSeq, long linesStored, Long linesUnstored, boolean hasProgress) {
    }

    /**
     * What one ingestion step leaves behind for a submission.
     *
     * @param dropped       lines dropped in this step, added to the total
     * @param linesUnstored lines not stored because the data disk is low, while that lasts; null otherwise
     */
    record Progress(long stdoutOffset, long stderrOffset, long nextSeq, long linesStored, long dropped,
                    Long linesUnstored, boolean complete) {
    }

    /** A line ready to store. */
    record Row(long seq, char stream, Instant time, String text, String spans) {
    }

    List<Target> targets() {
        return jdbc.sql("""
                        SELECT s.id, s.run_id, p.name AS project, r.name AS run, s.replica_num, s.submission_num,
                               s.backend, s.backend_handle, s.status,
                               COALESCE(g.stdout_offset, 0) AS stdout_offset, COALESCE(g.stderr_offset, 0) AS stderr_offset,
                               COALESCE(g.next_seq, 1) AS next_seq, COALESCE(g.lines_stored, 0) AS lines_stored,
                               g.lines_unstored, g.submission_id AS progress_of
                        FROM replica_submission s
                        JOIN run r ON r.id = s.run_id
                        JOIN project p ON p.id = r.project_id
                        LEFT JOIN log_progress g ON g.submission_id = s.id
                        WHERE s.backend_handle IS NOT NULL AND (g.complete IS NULL OR g.complete = FALSE)
                        ORDER BY s.id""")
                .query((rs, i) -> new Target(rs.getLong("id"), rs.getLong("run_id"), rs.getString("project"),
                        rs.getString("run"), rs.getInt("replica_num"), rs.getInt("submission_num"),
                        rs.getString("backend"), rs.getString("backend_handle"),
                        !List.of("SUBMITTED", "PROVISIONING", "RUNNING", "TERMINATING").contains(rs.getString("status")),
                        rs.getLong("stdout_offset"), rs.getLong("stderr_offset"), rs.getLong("next_seq"),
                        rs.getLong("lines_stored"), rs.getObject("lines_unstored", Long.class),
                        rs.getObject("progress_of") != null))
                .list();
    }

    String specText(long runId) {
        return jdbc.sql("SELECT spec_text FROM run WHERE id = ?").param(runId).query(String.class).optional()
                .orElse(null);
    }

    long maxLineId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM log_line").query(Long.class).single();
    }

    /**
     * Inserts the lines with the ids {@code firstId, firstId + 1, ...} in one batch (the MariaDB driver sends it as
     * one bulk command).
     */
    void insert(Target target, List<Row> rows, long firstId) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        INSERT INTO log_line (id, submission_id, run_id, replica_num, submission_num, seq, stream,
                                              logged_at, text, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Row row = rows.get(i);
                        ps.setLong(1, firstId + i);
                        ps.setLong(2, target.submissionId());
                        ps.setLong(3, target.runId());
                        ps.setInt(4, target.replicaNum());
                        ps.setInt(5, target.submissionNum());
                        ps.setLong(6, row.seq());
                        ps.setString(7, String.valueOf(row.stream()));
                        ps.setTimestamp(8, Timestamp.from(row.time()));
                        ps.setString(9, row.text());
                        ps.setString(10, row.spans());
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                });
    }

    /**
     * Updates the progress row, or inserts it the first time. Never "update, and insert if nothing was updated": an
     * update of a missing row takes a gap lock, and two ingest workers doing that for two new submissions deadlock.
     */
    void saveProgress(long submissionId, Progress p, boolean exists) {
        if (exists) {
            jdbc.sql("""
                            UPDATE log_progress SET stdout_offset = ?, stderr_offset = ?, next_seq = ?,
                                   lines_stored = ?, lines_dropped = lines_dropped + ?, lines_unstored = ?, complete = ?
                            WHERE submission_id = ?""")
                    .params(p.stdoutOffset(), p.stderrOffset(), p.nextSeq(), p.linesStored(), p.dropped(),
                            p.linesUnstored(), p.complete(), submissionId).update();
        } else {
            jdbc.sql("""
                            INSERT INTO log_progress (submission_id, stdout_offset, stderr_offset, next_seq,
                                                      lines_stored, lines_dropped, lines_unstored, complete)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(submissionId, p.stdoutOffset(), p.stderrOffset(), p.nextSeq(), p.linesStored(),
                            p.dropped(), p.linesUnstored(), p.complete()).update();
        }
    }

    int deleteOlderThan(Instant finishedBefore) {
        return jdbc.sql("""
                        DELETE FROM log_line WHERE submission_id IN (
                          SELECT id FROM replica_submission WHERE finished_at IS NOT NULL AND finished_at < ?)""")
                .param(Timestamp.from(finishedBefore)).update();
    }
}
