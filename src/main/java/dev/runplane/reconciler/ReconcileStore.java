package dev.runplane.reconciler;

import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import dev.runplane.runs.StopRequest;
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
import org.springframework.transaction.support.TransactionTemplate;
import dev.runplane.billing.UsageLedger;

/**
 * Every read and write of the reconciler. Writes of observed state are conditional on the submission's current
 * status (and on the lease token for the run), so a repeated or stale write changes nothing.
 */
@Component
class ReconcileStore {
    private final JdbcClient jdbc;
    private final UsageLedger ledger;
    private final TransactionTemplate tx;

    ReconcileStore(JdbcClient jdbc, UsageLedger ledger, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.tx = tx;
    }

    /**
     * A claimed run as stored.
     *
     * @param replicasSeenAt when a pass last saw every active replica of the run alive (null: never)
     */
    record RunRecord(long id, String project, String name, RunType type, String specText, int specVersion,
                     int desiredReplicas, StopRequest stopRequest, RunStatus status, Instant replicasSeenAt) {
    }

    /** A submission with what only the applier needs (backend, handle, and what was last shown of it). */
    record SubmissionRecord(Attempt attempt, String backend, String handle, String host, String message,
                            String endpoint) {
    }

    List<RunRecord> runs(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT r.id, p.name AS project, r.name, r.run_type, r.spec_text, r.spec_version,
                               r.desired_replicas, r.stop_request, r.status, r.replicas_seen_at
                        FROM run r JOIN project p ON p.id = r.project_id WHERE r.id IN (:ids) ORDER BY r.id""")
                .param("ids", ids)
                .query((rs, i) -> new RunRecord(rs.getLong("id"), rs.getString("project"), rs.getString("name"),
                        RunType.valueOf(rs.getString("run_type")), rs.getString("spec_text"),
                        rs.getInt("spec_version"), rs.getInt("desired_replicas"),
                        StopRequest.valueOf(rs.getString("stop_request")), RunStatus.valueOf(rs.getString("status")),
                        instant(rs, "replicas_seen_at")))
                .list();
    }

    Map<Long, List<SubmissionRecord>> submissions(List<Long> runIds) {
        Map<Long, List<SubmissionRecord>> byRun = new HashMap<>();
        if (runIds.isEmpty()) {
            return byRun;
        }
        jdbc.sql("""
                        SELECT id, run_id, replica_num, submission_num, status, termination_reason, exit_code,
                               backend, backend_handle, submitted_at, started_at, terminate_requested_at, finished_at,
                               host, status_message, endpoint
                        FROM replica_submission WHERE run_id IN (:ids) ORDER BY run_id, replica_num, submission_num""")
                .param("ids", runIds)
                .query(rs -> {
                    byRun.computeIfAbsent(rs.getLong("run_id"), k -> new ArrayList<>()).add(submission(rs));
                });
        return byRun;
    }

    Map<Long, Map<Integer, Instant>> restartRequests(List<Long> runIds) {
        Map<Long, Map<Integer, Instant>> byRun = new HashMap<>();
        if (runIds.isEmpty()) {
            return byRun;
        }
        jdbc.sql("SELECT run_id, replica_num, requested_at FROM replica_restart_request WHERE run_id IN (:ids)")
                .param("ids", runIds)
                .query(rs -> {
                    byRun.computeIfAbsent(rs.getLong("run_id"), k -> new HashMap<>())
                            .put(rs.getInt("replica_num"), rs.getTimestamp("requested_at").toInstant());
                });
        return byRun;
    }

    /** Current desired state, read again right before a launch: a stop or scale-down accepted meanwhile wins. */
    boolean stillWanted(long runId, int replicaNum) {
        return jdbc.sql("SELECT COUNT(*) FROM run WHERE id = ? AND stop_request = 'NONE' AND desired_replicas > ?")
                .params(runId, replicaNum).query(Integer.class).single() > 0;
    }

    /** @return the new id, or -1 when the row already exists (another node got there first) */
    long insertSubmission(long runId, int replicaNum, int submissionNum, String backend, BigDecimal price,
                          Instant now) {
        try {
            jdbc.sql("""
                            INSERT INTO replica_submission
                              (run_id, replica_num, submission_num, status, backend, price_per_hour, submitted_at)
                            VALUES (?, ?, ?, 'SUBMITTED', ?, ?, ?)""")
                    .params(runId, replicaNum, submissionNum, backend, price, ts(now)).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return -1;
        }
        return jdbc.sql("SELECT id FROM replica_submission WHERE run_id = ? AND replica_num = ? AND submission_num = ?")
                .params(runId, replicaNum, submissionNum).query(Long.class).single();
    }

    String backendOf(long submissionId) {
        return jdbc.sql("SELECT backend FROM replica_submission WHERE id = ?").param(submissionId)
                .query(String.class).single();
    }

    void setMessage(long submissionId, String message) {
        jdbc.sql("UPDATE replica_submission SET status_message = ? WHERE id = ?")
                .params(truncate(message), submissionId).update();
    }

    /** Where the backend placed an active submission, once it knows (a Slurm node is known only when it runs). */
    void setEndpoint(long submissionId, String endpoint) {
        jdbc.sql("UPDATE replica_submission SET endpoint = ? WHERE id = ?").params(truncate(endpoint, 255),
                submissionId).update();
    }

    void setHost(long submissionId, String host) {
        jdbc.sql("UPDATE replica_submission SET host = ? WHERE id = ?").params(truncate(host, 255), submissionId)
                .update();
    }

    /** Why a launched submission still waits (the backend's words), shown on its slot. */
    void setPendingMessage(long submissionId, String message) {
        jdbc.sql("UPDATE replica_submission SET status_message = ? WHERE id = ? AND status IN ('SUBMITTED', "
                + "'PROVISIONING')").params(truncate(message), submissionId).update();
    }

    /** What is wrong with watching a running replica (Slurm unreachable), or null once it is fine again. */
    void setRunningMessage(long submissionId, String message) {
        jdbc.sql("UPDATE replica_submission SET status_message = ? WHERE id = ? AND status = 'RUNNING'")
                .params(truncate(message), submissionId).update();
    }

    boolean launched(long submissionId, String handle, String host, String backendId, String endpoint) {
        return jdbc.sql("""
                        UPDATE replica_submission SET backend_handle = ?, host = ?, backend_id = ?, endpoint = ?,
                               status = 'PROVISIONING', status_message = NULL WHERE id = ? AND status = 'SUBMITTED'""")
                .params(handle, host, truncate(backendId, 64), truncate(endpoint, 255), submissionId).update() == 1;
    }

    /** The replica started consuming: status and ledger change together. */
    boolean markRunning(long submissionId, Instant now) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            boolean moved = updateRunning(submissionId, now);
            if (moved) {
                ledger.open(submissionId, now);
            }
            return moved;
        }));
    }

    private boolean updateRunning(long submissionId, Instant now) {
        return jdbc.sql("""
                        UPDATE replica_submission SET status = 'RUNNING', started_at = COALESCE(started_at, ?),
                               status_message = NULL
                        WHERE id = ? AND status IN ('SUBMITTED', 'PROVISIONING')""")
                .params(ts(now), submissionId).update() == 1;
    }

    boolean terminating(long submissionId, TerminationReason reason, Instant now) {
        return jdbc.sql("""
                        UPDATE replica_submission SET status = 'TERMINATING', termination_reason = ?,
                               terminate_requested_at = ?
                        WHERE id = ? AND status IN ('SUBMITTED', 'PROVISIONING', 'RUNNING')""")
                .params(reason.name(), ts(now), submissionId).update() == 1;
    }

    /**
     * The replica ended at {@code endedAt} (its real end, when the backend recorded one): status, {@code finishedAt}
     * and ledger change together. A replica never seen running gets an empty interval at its end.
     */
    boolean finish(long submissionId, ReplicaStatus from, ReplicaStatus to, TerminationReason reason,
                   Integer exitCode, String message, Instant endedAt) {
        from.checkMoveTo(to);
        return Boolean.TRUE.equals(tx.execute(status -> {
            boolean moved = updateFinished(submissionId, from, to, reason, exitCode, message, endedAt);
            if (moved && from != ReplicaStatus.SUBMITTED) {
                ledger.open(submissionId, endedAt);
                ledger.close(submissionId, endedAt);
            }
            return moved;
        }));
    }

    private boolean updateFinished(long submissionId, ReplicaStatus from, ReplicaStatus to, TerminationReason reason,
                                   Integer exitCode, String message, Instant now) {
        return jdbc.sql("""
                        UPDATE replica_submission SET status = ?, termination_reason = ?, exit_code = ?,
                               status_message = COALESCE(?, status_message), finished_at = ?,
                               started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END
                        WHERE id = ? AND status = ?""")
                .params(to.name(), reason == null ? null : reason.name(), exitCode, truncate(message), ts(now),
                        from != ReplicaStatus.SUBMITTED, ts(now), submissionId, from.name())
                .update() == 1;
    }

    /**
     * A finished run's {@code finishedAt} is when its last replica ended (their real end times), not when the pass
     * that derived the status ran.
     *
     * @return false when this node no longer holds the lease
     */
    boolean setRunStatus(long runId, String leaseToken, RunStatus status, Instant now) {
        return jdbc.sql("""
                        UPDATE run SET status = ?, updated_at = ?,
                               finished_at = CASE WHEN ? THEN COALESCE((SELECT MAX(s.finished_at)
                                   FROM replica_submission s WHERE s.run_id = ?), ?) ELSE NULL END
                        WHERE id = ? AND lease_token = ?""")
                .params(status.name(), ts(now), status.isFinished(), runId, ts(now), runId, leaseToken)
                .update() == 1;
    }

    boolean holdsLease(long runId, String leaseToken) {
        return jdbc.sql("SELECT COUNT(*) FROM run WHERE id = ? AND lease_token = ?").params(runId, leaseToken)
                .query(Integer.class).single() > 0;
    }

    int activeLaunchedOn(String backend) {
        return jdbc.sql("SELECT COUNT(*) FROM replica_submission WHERE backend = ? AND backend_handle IS NOT NULL "
                        + "AND status IN ('PROVISIONING', 'RUNNING', 'TERMINATING')")
                .param(backend).query(Integer.class).single();
    }

    void event(long runId, String action, String before, String after, String message, Instant now) {
        jdbc.sql("""
                        INSERT INTO run_event (occurred_at, actor, source, project_id, run_id, run_name, action,
                                               before_state, after_state, message)
                        SELECT ?, 'system', 'reconciler', project_id, id, name, ?, ?, ?, ? FROM run WHERE id = ?""")
                .params(ts(now), action, before, after, truncate(message), runId).update();
    }

    private static SubmissionRecord submission(ResultSet rs) throws SQLException {
        String reason = rs.getString("termination_reason");
        int exit = rs.getInt("exit_code");
        Integer exitCode = rs.wasNull() ? null : exit;
        String handle = rs.getString("backend_handle");
        Attempt attempt = new Attempt(rs.getLong("id"), rs.getInt("replica_num"), rs.getInt("submission_num"),
                ReplicaStatus.valueOf(rs.getString("status")),
                reason == null ? null : TerminationReason.valueOf(reason), exitCode, handle != null,
                instant(rs, "submitted_at"), instant(rs, "started_at"), instant(rs, "terminate_requested_at"),
                instant(rs, "finished_at"));
        return new SubmissionRecord(attempt, rs.getString("backend"), handle, rs.getString("host"),
                rs.getString("status_message"), rs.getString("endpoint"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
