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
import dev.runplane.replicas.ReplicaSlots.Rules;
import dev.runplane.replicas.ReplicaSlots.Slots;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of replica submissions, split into current slots and history by {@link ReplicaSlots} (DESIGN.md, rule 5).
 * Callers check access first.
 */
@Component
public class ReplicaQueries {

    private static final String SELECT = """
            SELECT id, run_id, replica_num, submission_num, status, termination_reason, exit_code, status_message,
                   submitted_at, started_at, finished_at, price_per_hour, host, backend_id,
                   endpoint, ready, probe_failure
            FROM replica_submission""";

    private final JdbcClient jdbc;
    private final Clock clock;

    ReplicaQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One replica submission as users see it.
     *
     * @param host      the machine it runs on (this server for local replicas, the node for Slurm); null until known
     * @param backendId the backend's own id (a pid, a Slurm job id); null until launched
     * @param endpoint  where a service replica listens ({@code host:port}), null for tasks and until launched
     * @param ready     whether its readiness probe passes now (only a ready replica gets requests)
     * @param probeFailure the last probe failure in words, null once it passes again
     */
    public record ReplicaRow(long id, int replicaNum, int submissionNum, ReplicaStatus status,
                             TerminationReason terminationReason, Integer exitCode, String statusMessage,
                             Instant submittedAt, Instant startedAt, Instant finishedAt, BigDecimal pricePerHour,
                             String host, String backendId, String endpoint, boolean ready, String probeFailure)
            implements ReplicaSlots.Submission {

        public ReplicaRow(long id, int replicaNum, int submissionNum, ReplicaStatus status,
                          TerminationReason terminationReason, Integer exitCode, String statusMessage,
                          Instant submittedAt, Instant startedAt, Instant finishedAt, BigDecimal pricePerHour,
                          String host, String backendId) {
            this(id, replicaNum, submissionNum, status, terminationReason, exitCode, statusMessage, submittedAt,
                    startedAt, finishedAt, pricePerHour, host, backendId, null, false, null);
        }

        public ReplicaRow(long id, int replicaNum, int submissionNum, ReplicaStatus status,
                          TerminationReason terminationReason, Integer exitCode, String statusMessage,
                          Instant submittedAt, Instant startedAt, Instant finishedAt, BigDecimal pricePerHour) {
            this(id, replicaNum, submissionNum, status, terminationReason, exitCode, statusMessage, submittedAt,
                    startedAt, finishedAt, pricePerHour, null, null);
        }
    }

    /** A run's submissions as slots (current) and history, by the one definition in {@link ReplicaSlots}. */
    @Transactional(readOnly = true)
    public Slots<ReplicaRow> of(long runId, Rules rules) {
        return ReplicaSlots.of(rules, all(runId), clock.instant());
    }

    /** The live submissions among a run's current replicas (what stats and logs of "current replicas" read). */
    @Transactional(readOnly = true)
    public List<ReplicaRow> live(long runId, int desiredReplicas) {
        return ReplicaSlots.of(Rules.forCounting(desiredReplicas), active(List.of(runId)).getOrDefault(runId,
                List.of()), clock.instant()).liveSubmissions();
    }

    /** What a log of "the current replicas" reads by default: {@link ReplicaSlots#logged}. */
    @Transactional(readOnly = true)
    public List<ReplicaRow> logged(long runId, int desiredReplicas) {
        Instant now = clock.instant();
        // the live submissions decide while there are any: read them first, and every submission only when none is
        List<ReplicaRow> live = ReplicaSlots.logged(desiredReplicas,
                active(List.of(runId)).getOrDefault(runId, List.of()), now);
        return live.isEmpty() ? ReplicaSlots.logged(desiredReplicas, all(runId), now) : live;
    }

    /** Running replicas of several runs at once (a page of a runs list), by the same definition. */
    @Transactional(readOnly = true)
    public Map<Long, Integer> runningCounts(Map<Long, Integer> desiredByRun) {
        Map<Long, Integer> counts = new HashMap<>();
        if (desiredByRun.isEmpty()) {
            return counts;
        }
        Map<Long, List<ReplicaRow>> active = active(List.copyOf(desiredByRun.keySet()));
        Instant now = clock.instant();
        desiredByRun.forEach((runId, desired) -> counts.put(runId, ReplicaSlots.of(Rules.forCounting(desired),
                active.getOrDefault(runId, List.of()), now).runningReplicas()));
        return counts;
    }

    /**
     * An unfinished service and the submissions the services endpoint may send requests to: by the one definition
     * of current replicas, the slots below the desired count whose live submission is RUNNING and has an endpoint
     * (a leaving submission, above the desired count or replaced, is not among them). Readiness is decided on top.
     */
    public record ServiceReplicas(long projectId, String project, long runId, String run, int specVersion,
                                  String specText, List<ReplicaRow> serving) {
    }

    /** Every unfinished service with its serving submissions; two queries, bounded by the replicas alive now. */
    @Transactional(readOnly = true)
    public List<ServiceReplicas> services() {
        record ServiceRun(long projectId, String project, long runId, String run, int specVersion, String specText,
                          int desired, boolean stopRequested) {
        }
        List<ServiceRun> runs = jdbc.sql("""
                        SELECT r.id, r.project_id, p.name AS project, r.name, r.spec_version, r.spec_text,
                               r.desired_replicas, r.stop_request
                        FROM run r JOIN project p ON p.id = r.project_id
                        WHERE r.run_type = 'SERVICE' AND r.status NOT IN ('TERMINATED', 'DONE', 'FAILED')""")
                .query((rs, i) -> new ServiceRun(rs.getLong("project_id"), rs.getString("project"), rs.getLong("id"),
                        rs.getString("name"), rs.getInt("spec_version"), rs.getString("spec_text"),
                        rs.getInt("desired_replicas"), !"NONE".equals(rs.getString("stop_request"))))
                .list();
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ReplicaRow>> active = active(runs.stream().map(ServiceRun::runId).toList());
        Instant now = clock.instant();
        List<ServiceReplicas> services = new ArrayList<>();
        for (ServiceRun run : runs) {
            Slots<ReplicaRow> slots = ReplicaSlots.of(new Rules(run.desired(), run.stopRequested(), null, null),
                    active.getOrDefault(run.runId(), List.of()), now);
            List<ReplicaRow> serving = slots.current().stream()
                    .filter(slot -> slot.state() == ReplicaSlots.State.LIVE && slot.running()
                            && slot.submission().endpoint() != null)
                    .map(ReplicaSlots.Slot::submission).toList();
            services.add(new ServiceReplicas(run.projectId(), run.project(), run.runId(), run.run(),
                    run.specVersion(), run.specText(), serving));
        }
        return services;
    }

    /** Which backend runs a live submission, and its handle; empty once it ended or before it was launched. */
    public record LiveHandle(String backend, String handle) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<LiveHandle> liveHandle(long submissionId) {
        return jdbc.sql("SELECT backend, backend_handle FROM replica_submission WHERE id = ? AND status = 'RUNNING' "
                        + "AND backend_handle IS NOT NULL").param(submissionId)
                .query((rs, i) -> new LiveHandle(rs.getString("backend"), rs.getString("backend_handle")))
                .optional();
    }

    /** Per replica number, the latest time a user asked to restart it. */
    @Transactional(readOnly = true)
    public Map<Integer, Instant> restartRequests(long runId) {
        Map<Integer, Instant> requests = new HashMap<>();
        jdbc.sql("SELECT replica_num, requested_at FROM replica_restart_request WHERE run_id = ?").param(runId)
                .query(rs -> {
                    requests.put(rs.getInt("replica_num"), rs.getTimestamp("requested_at").toInstant());
                });
        return requests;
    }

    private List<ReplicaRow> all(long runId) {
        return jdbc.sql(SELECT + " WHERE run_id = ? ORDER BY replica_num, submission_num")
                .param(runId).query(ReplicaQueries::row).list();
    }

    /** Only live submissions: all that a count of running replicas needs, and bounded by the replica count. */
    private Map<Long, List<ReplicaRow>> active(List<Long> runIds) {
        Map<Long, List<ReplicaRow>> byRun = new HashMap<>();
        jdbc.sql(SELECT + " WHERE run_id IN (:ids) AND status IN ('SUBMITTED', 'PROVISIONING', 'RUNNING', "
                        + "'TERMINATING') ORDER BY run_id, replica_num, submission_num")
                .param("ids", runIds)
                .query(rs -> {
                    byRun.computeIfAbsent(rs.getLong("run_id"), k -> new ArrayList<>()).add(row(rs, 0));
                });
        return byRun;
    }

    static ReplicaRow row(ResultSet rs, int i) throws SQLException {
        String reason = rs.getString("termination_reason");
        int exitCode = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : exitCode;
        return new ReplicaRow(rs.getLong("id"), rs.getInt("replica_num"), rs.getInt("submission_num"),
                ReplicaStatus.valueOf(rs.getString("status")),
                reason == null ? null : TerminationReason.valueOf(reason), exit, rs.getString("status_message"),
                instant(rs, "submitted_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getBigDecimal("price_per_hour"), rs.getString("host"), rs.getString("backend_id"),
                rs.getString("endpoint"), rs.getBoolean("ready"), rs.getString("probe_failure"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
