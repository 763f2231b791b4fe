package dev.runplane.runs;

import dev.runplane.base.NotFoundException;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.replicas.ReplicaQueries;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Rules;
import dev.runplane.replicas.ReplicaSlots.Slots;
import java.util.HashMap;
import java.util.Map;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API- and screen-sized reads of one project's runs, with replica counts computed by the database from the
 * current submissions (DESIGN.md, rule 6). Every read checks that the reader may see the project; a project or run
 * the reader cannot see is "not found".
 */
@Component
public class RunDetails {
    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final ReplicaQueries replicas;
    private final RetryPolicies retries = new RetryPolicies();

    RunDetails(JdbcClient jdbc, ProjectAccess access, ReplicaQueries replicas) {
        this.jdbc = jdbc;
        this.access = access;
        this.replicas = replicas;
    }

    /** @param runningReplicas slots whose live submission is RUNNING ({@link ReplicaSlots}) */
    public record RunSummary(long id, String project, String name, RunType type, RunStatus status, long version,
                             int desiredReplicas, int runningReplicas, StopRequest stopRequest, String submittedBy,
                             Instant submittedAt, Instant finishedAt, int specVersion) {
        RunSummary withRunning(int running) {
            return new RunSummary(id, project, name, type, status, version, desiredReplicas, running, stopRequest,
                    submittedBy, submittedAt, finishedAt, specVersion);
        }
    }

    /** @param replicas the current slots and the history, by the one definition in {@link ReplicaSlots} */
    public record RunDetail(RunSummary run, String specText, Slots<ReplicaRow> replicas) {
    }

    public record RunPage(List<RunSummary> runs, String next) {
    }

    private static final String SELECT = """
            SELECT r.id, p.name AS project, r.name, r.run_type, r.status, r.version, r.desired_replicas,
                   r.spec_version, r.stop_request, r.submitted_by, r.submitted_at, r.finished_at
            FROM run r JOIN project p ON p.id = r.project_id
            """;

    @Transactional(readOnly = true)
    public RunPage page(String reader, String project, RunStatus status, int limit, String cursor) {
        long projectId = access.requireRead(reader, project);
        int size = Math.max(1, Math.min(limit, 200));
        long before = decodeCursor(cursor);
        List<RunSummary> rows = jdbc.sql(SELECT + " WHERE r.project_id = :p AND r.id < :before"
                        + (status == null ? "" : " AND r.status = :status") + " ORDER BY r.id DESC LIMIT :limit")
                .param("p", projectId).param("before", before).param("limit", size + 1)
                .param("status", status == null ? "" : status.name())
                .query(RunDetails::summary).list();
        String next = rows.size() > size ? encodeCursor(rows.get(size - 1).id()) : null;
        return new RunPage(withRunning(rows.size() > size ? rows.subList(0, size) : rows), next);
    }

    /** The run with its slots and history; its counts come from the same slots it lists. */
    @Transactional(readOnly = true)
    public RunDetail detail(String reader, String project, String name) {
        RunSummary summary = row(reader, project, name);
        String spec = jdbc.sql("SELECT spec_text FROM run WHERE id = ?").param(summary.id()).query(String.class)
                .single();
        Slots<ReplicaRow> slots = replicas.of(summary.id(), new Rules(summary.desiredReplicas(),
                summary.stopRequest() != StopRequest.NONE, retries.of(summary.id(), summary.specVersion(), spec),
                replicas.restartRequests(summary.id())));
        return new RunDetail(summary.withRunning(slots.runningReplicas()), spec, slots);
    }

    @Transactional(readOnly = true)
    public RunSummary summary(String reader, String project, String name) {
        return withRunning(List.of(row(reader, project, name))).getFirst();
    }

    private RunSummary row(String reader, String project, String name) {
        long projectId = access.requireRead(reader, project);
        return jdbc.sql(SELECT + " WHERE r.project_id = ? AND r.name = ?").params(projectId, name)
                .query(RunDetails::summary).optional()
                .orElseThrow(() -> new NotFoundException("run '" + name + "' not found in project '" + project + "'"));
    }

    private List<RunSummary> withRunning(List<RunSummary> rows) {
        Map<Long, Integer> desired = new HashMap<>();
        rows.forEach(r -> desired.put(r.id(), r.desiredReplicas()));
        Map<Long, Integer> running = replicas.runningCounts(desired);
        return rows.stream().map(r -> r.withRunning(running.getOrDefault(r.id(), 0))).toList();
    }

    private static RunSummary summary(ResultSet rs, int i) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RunSummary(rs.getLong("id"), rs.getString("project"), rs.getString("name"),
                RunType.valueOf(rs.getString("run_type")), RunStatus.valueOf(rs.getString("status")),
                rs.getLong("version"), rs.getInt("desired_replicas"), 0,
                StopRequest.valueOf(rs.getString("stop_request")), rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getInt("spec_version"));
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("id:")) {
                return Long.parseLong(text.substring(3));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the clear error below
        }
        throw new IllegalArgumentException("cursor is not valid; use the 'next' value of a previous page");
    }
}
