package dev.runplane.logs;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
                  long nextSeq, long linesStored) {
    }

    /** A line ready to store. */
    record Row(long seq, char stream, Instant time, String text, String spans) {
    }

    List<Target> targets() {
        return jdbc.sql("""
                        SELECT s.id, s.run_id, p.name AS project, r.name AS run, s.replica_num, s.submission_num,
                               s.backend, s.backend_handle, s.status,
                               COALESCE(g.stdout_offset, 0) AS stdout_offset, COALESCE(g.stderr_offset, 0) AS stderr_offset,
                               COALESCE(g.next_seq, 1) AS next_seq, COALESCE(g.lines_stored, 0) AS lines_stored
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
                        rs.getLong("lines_stored")))
                .list();
    }

    String specText(long runId) {
        return jdbc.sql("SELECT spec_text FROM run WHERE id = ?").param(runId).query(String.class).optional()
                .orElse(null);
    }

    /** Inserts the lines and returns their ids (in order). */
    long[] insert(Target target, List<Row> rows) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        template.batchUpdate("""
                        INSERT INTO log_line (submission_id, run_id, replica_num, submission_num, seq, stream,
                                              logged_at, text, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows, 2000, (PreparedStatement ps, Row row) -> {
                    ps.setLong(1, target.submissionId());
                    ps.setLong(2, target.runId());
                    ps.setInt(3, target.replicaNum());
                    ps.setInt(4, target.submissionNum());
                    ps.setLong(5, row.seq());
                    ps.setString(6, String.valueOf(row.stream()));
                    ps.setTimestamp(7, Timestamp.from(row.time()));
                    ps.setString(8, row.text());
                    ps.setString(9, row.spans());
                });
        // ids of this submission's new lines, by their sequence numbers (unique per submission)
        List<Long> ids = jdbc.sql("SELECT id FROM log_line WHERE submission_id = ? AND seq >= ? AND seq <= ? "
                        + "ORDER BY seq")
                .params(target.submissionId(), rows.getFirst().seq(), rows.getLast().seq())
                .query(Long.class).list();
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    void saveProgress(long submissionId, long stdoutOffset, long stderrOffset, long nextSeq, long stored,
                      long dropped, boolean complete) {
        int updated = jdbc.sql("""
                        UPDATE log_progress SET stdout_offset = ?, stderr_offset = ?, next_seq = ?, lines_stored = ?,
                               lines_dropped = lines_dropped + ?, complete = ? WHERE submission_id = ?""")
                .params(stdoutOffset, stderrOffset, nextSeq, stored, dropped, complete, submissionId).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO log_progress (submission_id, stdout_offset, stderr_offset, next_seq,
                                                      lines_stored, lines_dropped, complete)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(submissionId, stdoutOffset, stderrOffset, nextSeq, stored, dropped, complete).update();
        }
    }

    int deleteOlderThan(Instant finishedBefore) {
        return jdbc.sql("""
                        DELETE FROM log_line WHERE submission_id IN (
                          SELECT id FROM replica_submission WHERE finished_at IS NOT NULL AND finished_at < ?)""")
                .param(Timestamp.from(finishedBefore)).update();
    }
}
