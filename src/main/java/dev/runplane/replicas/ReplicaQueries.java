package dev.runplane.replicas;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of replica submissions split into current and history (DESIGN.md, rule 5). Callers check access first.
 */
@Component
public class ReplicaQueries {
    private final JdbcClient jdbc;

    ReplicaQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One replica submission as users see it.
     *
     * @param host      the machine it runs on (this server for local replicas, the node for Slurm); null until known
     * @param backendId the backend's own id (a pid, a Slurm job id); null until launched
     */
    public record ReplicaRow(long id, int replicaNum, int submissionNum, ReplicaStatus status,
                             TerminationReason terminationReason, Integer exitCode, String statusMessage,
                             Instant submittedAt, Instant startedAt, Instant finishedAt, BigDecimal pricePerHour,
                             String host, String backendId) {

        public ReplicaRow(long id, int replicaNum, int submissionNum, ReplicaStatus status,
                          TerminationReason terminationReason, Integer exitCode, String statusMessage,
                          Instant submittedAt, Instant startedAt, Instant finishedAt, BigDecimal pricePerHour) {
            this(id, replicaNum, submissionNum, status, terminationReason, exitCode, statusMessage, submittedAt,
                    startedAt, finishedAt, pricePerHour, null, null);
        }
    }

    /** @param current the latest submission of each replica number below the desired count, plus any still active */
    public record Replicas(List<ReplicaRow> current, List<ReplicaRow> history) {
    }

    @Transactional(readOnly = true)
    public Replicas of(long runId, int desiredReplicas) {
        List<ReplicaRow> all = jdbc.sql("""
                        SELECT id, replica_num, submission_num, status, termination_reason, exit_code, status_message,
                               submitted_at, started_at, finished_at, price_per_hour, host, backend_id
                        FROM replica_submission WHERE run_id = ? ORDER BY replica_num, submission_num""")
                .param(runId).query(ReplicaQueries::row).list();
        return split(all, desiredReplicas);
    }

    /** The split, as a pure function so that it is unit-testable. */
    static Replicas split(List<ReplicaRow> all, int desiredReplicas) {
        Map<Integer, ReplicaRow> latest = new HashMap<>();
        for (ReplicaRow row : all) {
            latest.merge(row.replicaNum(), row, (a, b) -> a.submissionNum() >= b.submissionNum() ? a : b);
        }
        List<ReplicaRow> current = new ArrayList<>();
        List<ReplicaRow> history = new ArrayList<>();
        for (ReplicaRow row : all) {
            boolean isLatest = latest.get(row.replicaNum()) == row;
            boolean wanted = isLatest && row.replicaNum() < desiredReplicas;
            if (wanted || row.status().isActive()) {
                current.add(row);
            } else {
                history.add(row);
            }
        }
        history.sort((a, b) -> {
            Instant fa = a.finishedAt() == null ? Instant.MAX : a.finishedAt();
            Instant fb = b.finishedAt() == null ? Instant.MAX : b.finishedAt();
            return fb.compareTo(fa);
        });
        return new Replicas(List.copyOf(current), List.copyOf(history));
    }

    static ReplicaRow row(ResultSet rs, int i) throws SQLException {
        String reason = rs.getString("termination_reason");
        int exitCode = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : exitCode;
        return new ReplicaRow(rs.getLong("id"), rs.getInt("replica_num"), rs.getInt("submission_num"),
                ReplicaStatus.valueOf(rs.getString("status")),
                reason == null ? null : TerminationReason.valueOf(reason), exit, rs.getString("status_message"),
                instant(rs, "submitted_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getBigDecimal("price_per_hour"), rs.getString("host"), rs.getString("backend_id"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
