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
