package dev.runplane.runs;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Targeted writes of desired state. Each touches only the user-owned columns and bumps the version, so a user write
 * never overwrites the status the reconciler derived, and concurrent user writes conflict instead of being lost.
 */
@Component
class RunStore {
    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void setReplicasMax(long runId, int max) {
        jdbc.sql("UPDATE run SET replicas_max = ? WHERE id = ?").params(max, runId).update();
    }

    /** The run's desired state as committed now, with the row locked until the transaction ends. */
    record Locked(long version, int desiredReplicas, StopRequest stopRequest, RunStatus status) {
    }

    /**
     * Locks the run row (operations on one run then take turns instead of failing on each other's version) and
     * reads what is committed, not the transaction's older snapshot.
     */
    Locked lock(long runId) {
        return jdbc.sql("SELECT version, desired_replicas, stop_request, status FROM run WHERE id = ? FOR UPDATE")
                .param(runId)
                .query((rs, i) -> new Locked(rs.getLong("version"), rs.getInt("desired_replicas"),
                        StopRequest.valueOf(rs.getString("stop_request")), RunStatus.valueOf(rs.getString("status"))))
                .single();
    }

    /**
     * The time of the restart request of a replica that no submission has answered yet, if there is one. Locking
     * reads: under the run's lock they see what the call before committed, not this transaction's older snapshot.
     */
    java.util.Optional<Instant> unansweredRestart(long runId, int replicaNum) {
        java.util.Optional<Instant> asked = jdbc.sql("SELECT requested_at FROM replica_restart_request "
                        + "WHERE run_id = ? AND replica_num = ? FOR UPDATE")
                .params(runId, replicaNum).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (asked.isEmpty()) {
            return asked;
        }
        int answered = jdbc.sql("SELECT COUNT(*) FROM replica_submission WHERE run_id = ? AND replica_num = ? "
                        + "AND submitted_at >= ? FOR UPDATE")
                .params(runId, replicaNum, Timestamp.from(asked.get())).query(Integer.class).single();
        return answered == 0 ? asked : java.util.Optional.empty();
    }

    boolean updateDesiredReplicas(long runId, long expectedVersion, int replicas, Instant now) {
        return jdbc.sql("""
                        UPDATE run SET desired_replicas = ?, updated_at = ?, version = version + 1
                        WHERE id = ? AND version = ? AND stop_request = 'NONE'""")
                .params(replicas, Timestamp.from(now), runId, expectedVersion).update() == 1;
    }

    boolean requestStop(long runId, long expectedVersion, StopRequest stop, String by, Instant now) {
        return jdbc.sql("""
                        UPDATE run SET stop_request = ?, stop_requested_by = ?, stop_requested_at = ?, updated_at = ?,
                               version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(stop.name(), by, Timestamp.from(now), Timestamp.from(now), runId, expectedVersion)
                .update() == 1;
    }

    void requestRestart(long runId, int replicaNum, String by, Instant now) {
        int updated = jdbc.sql("UPDATE replica_restart_request SET requested_at = ?, requested_by = ? "
                        + "WHERE run_id = ? AND replica_num = ?")
                .params(Timestamp.from(now), by, runId, replicaNum).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO replica_restart_request (run_id, replica_num, requested_at, requested_by) "
                            + "VALUES (?, ?, ?, ?)")
                    .params(runId, replicaNum, Timestamp.from(now), by).update();
        }
    }

    long version(long runId) {
        return jdbc.sql("SELECT version FROM run WHERE id = ?").param(runId).query(Long.class).optional().orElse(-1L);
    }

    /**
     * Removes the run and its submissions, and queues the submissions' log lines, log progress and metric rows for
     * the purge, which deletes them in small batches (a run can have millions of lines: one transaction deleting all
     * of them would hold locks ingestion needs). Usage intervals and events stay: billing and audit history.
     */
    void delete(long runId, Instant now) {
        jdbc.sql("INSERT INTO run_data_purge (submission_id, queued_at) SELECT id, ? FROM replica_submission "
                        + "WHERE run_id = ?")
                .params(Timestamp.from(now), runId).update();
        jdbc.sql("DELETE FROM replica_restart_request WHERE run_id = ?").param(runId).update();
        jdbc.sql("DELETE FROM replica_submission WHERE run_id = ?").param(runId).update();
        jdbc.sql("DELETE FROM run WHERE id = ?").param(runId).update();
    }
}
