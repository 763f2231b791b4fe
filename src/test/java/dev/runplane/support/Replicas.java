package dev.runplane.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    /** The backend handle of a run's first submission (replica 0, submission 0). */
    public static String firstHandle(JdbcClient jdbc, String run) {
        return jdbc.sql("""
                        SELECT s.backend_handle FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = ? AND s.replica_num = 0 AND s.submission_num = 0""")
                .param(run).query(String.class).single();
    }

    /** The local wrapper's {@code exit_code} file of a submission, by its backend handle. */
    public static Path wrapperRecordFile(String handle) {
        return Path.of(handle.split(":", 4)[3]).resolve("exit_code");
    }

    /**
     * When the local wrapper recorded the end of a submission: its {@code exit_code} file holds {@code <code> <end,
     * epoch ms>}. A wrapper that records only the code (before end times) is dated by the file's own modification
     * time, which is when it was written.
     */
    public static Instant wrapperEnd(String handle) throws IOException {
        Path file = wrapperRecordFile(handle);
        String[] fields = Files.readString(file).trim().split("\\s+");
        return fields.length > 1 ? Instant.ofEpochMilli(Long.parseLong(fields[1]))
                : Files.getLastModifiedTime(file).toInstant();
    }
}
