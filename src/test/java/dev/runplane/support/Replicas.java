package dev.runplane.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test-side facts about replica processes, read from the database and /proc. */
public final class Replicas {
    private Replicas() {
    }

    /** Process ids of a run's submissions (local backend handles are {@code local:<pid>:<start>:<dir>}). */
    public static List<Long> pids(JdbcClient jdbc, String run, int replicaNum) {
        return jdbc.sql("""
                        SELECT s.backend_handle FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = ? AND s.replica_num = ? AND s.backend_handle IS NOT NULL
                        ORDER BY s.submission_num""")
                .params(run, replicaNum).query(String.class).list().stream()
                .map(handle -> Long.parseLong(handle.split(":")[1])).toList();
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
