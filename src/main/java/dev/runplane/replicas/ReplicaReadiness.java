package dev.runplane.replicas;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes what the readiness prober observed about a running service replica, for the slot's display (API, portal,
 * CLI). Only a RUNNING submission takes it: a replica on its way out keeps what it last showed.
 */
@Component
public class ReplicaReadiness {
    private static final int MAX_FAILURE_CHARS = 1000;

    private final JdbcClient jdbc;

    ReplicaReadiness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param lastFailure the last probe failure in words, or null once the probe passes */
    public void record(long submissionId, boolean ready, String lastFailure) {
        String failure = lastFailure == null || lastFailure.length() <= MAX_FAILURE_CHARS ? lastFailure
                : lastFailure.substring(0, MAX_FAILURE_CHARS);
        jdbc.sql("UPDATE replica_submission SET ready = ?, probe_failure = ? WHERE id = ? AND status = 'RUNNING'")
                .params(ready, failure, submissionId).update();
    }
}
