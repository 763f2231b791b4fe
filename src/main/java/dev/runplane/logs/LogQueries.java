package dev.runplane.logs;

import dev.runplane.base.NotFoundException;
import dev.runplane.replicas.ReplicaQueries;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunDetails;
import dev.runplane.runs.RunDetails.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of stored log lines: one replica submission, or merged across the run's current replicas (or every
 * submission the run ever had, history included), newest first or from a cursor in either direction, optionally
 * filtered by a search text on the server.
 */
@Component
public class LogQueries {
    public static final int MAX_LIMIT = 5000;

    private final JdbcClient jdbc;
    private final RunDetails runs;
    private final ReplicaQueries replicas;
    private final LogSearch search;

    LogQueries(JdbcClient jdbc, RunDetails runs, ReplicaQueries replicas, LogSearch search) {
        this.jdbc = jdbc;
        this.search = search;
        this.runs = runs;
        this.replicas = replicas;
    }

    /**
     * What to read.
     *
     * @param replica    null for all current replicas merged
     * @param submission null for the replica's current (latest) submission
     * @param after      lines with a larger cursor, oldest first (for following and paging forward)
     * @param before     lines with a smaller cursor (paging back); without after/before: the newest lines
     * @param history    also the earlier submissions (scaled down, replaced, finished): of the run when replica is
     *                   null, of the replica when submission is null; ignored when a submission is named
     */
    public record LogRequest(Integer replica, Integer submission, Long after, Long before, int limit, String query,
                             boolean history) {
        /** Current submissions only (no history). */
        public LogRequest(Integer replica, Integer submission, Long after, Long before, int limit, String query) {
            this(replica, submission, after, before, limit, query, false);
        }

        /** The {@code next} cursor of a page that found no lines: where it started (a newest page: the beginning). */
        Long nextWhenEmpty() {
            return after != null ? after : before == null ? Long.valueOf(0) : Long.valueOf(before - 1);
        }
    }

    /**
     * @param next    cursor to read on forward ({@code after})
     * @param prev    cursor to read further back ({@code before}); on a page read backwards (the newest, or
     *                {@code before}) null once the start of the log is reached — keep reading while it is not
     * @param partial a search page cut short by its time (see {@link LogSearch}): it may hold fewer lines than asked
     *                for, even none, although more matches lie on in its direction; read on from its cursor
     */
    public record LogPage(List<LogLine> lines, Long next, Long prev, boolean partial) {
        public LogPage(List<LogLine> lines, Long next, Long prev) {
            this(lines, next, prev, false);
        }
    }

    /** The submissions a request reads, after checking access. */
    public record Scope(long runId, List<Long> submissionIds) {
    }

    /**
     * One submission a read covers, as a download's header names it.
     *
     * @param current whether it is one of the run's current replicas (otherwise it is history)
     * @param ended   how it ended ("scaled down", "exit 3"…); null while it is live
     */
    public record SubmissionLabel(int replicaNum, int submissionNum, boolean current, String status, String ended) {
        /** "replica 1 · submission 2 (scaled down)" — the same words as the portal's picker. */
        public String describe() {
            return "replica " + replicaNum + " \u00b7 submission " + submissionNum
                    + (current ? " (current, " + status + ")" : " (" + (ended == null ? status : ended) + ")");
        }
    }

    /**
     * Whether the reader may still read the run's logs (live viewers ask before each batch they push). Not
     * transactional: the refusal inside would mark a surrounding transaction rollback-only.
     */
    public boolean canRead(String reader, String project, String run) {
        try {
            runs.summary(reader, project, run);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Transactional(readOnly = true)
    public Scope scope(String reader, String project, String run, Integer replica, Integer submission) {
        return scope(reader, project, run, replica, submission, false);
    }

    /** @param history also the earlier submissions (of the run, or of the replica), see {@link LogRequest} */
    @Transactional(readOnly = true)
    public Scope scope(String reader, String project, String run, Integer replica, Integer submission,
                       boolean history) {
        RunSummary summary = runs.summary(reader, project, run);
        if (history && submission == null) {
            // every submission ever launched: ended ones are history, not current, but their lines are the log too
            List<Long> ids = jdbc.sql("SELECT id FROM replica_submission WHERE run_id = ?"
                            + (replica == null ? "" : " AND replica_num = ?") + " ORDER BY id")
                    .params(replica == null ? List.of(summary.id()) : List.of(summary.id(), replica))
                    .query(Long.class).list();
            if (replica != null && ids.isEmpty()) {
                throw new NotFoundException("run '" + run + "' has no replica " + replica);
            }
            return new Scope(summary.id(), ids);
        }
        if (replica == null) {
            List<Long> ids = replicas.logged(summary.id(), summary.desiredReplicas()).stream()
                    .map(ReplicaRow::id).toList();
            return new Scope(summary.id(), ids);
        }
        String sql = "SELECT id FROM replica_submission WHERE run_id = ? AND replica_num = ?"
                + (submission == null ? " ORDER BY submission_num DESC LIMIT 1" : " AND submission_num = ?");
        var query = jdbc.sql(sql).param(summary.id()).param(replica);
        if (submission != null) {
            query = query.param(submission);
        }
        long id = query.query(Long.class).optional().orElseThrow(() -> new NotFoundException("run '" + run
                + "' has no replica " + replica + (submission == null ? "" : " submission " + submission)));
        return new Scope(summary.id(), List.of(id));
    }

    @Transactional(readOnly = true)
    public LogPage page(String reader, String project, String run, LogRequest request) {
        return page(scope(reader, project, run, request.replica(), request.submission(), request.history()),
                request);
    }

    /** The submissions of a scope, by replica and submission number, each saying whether it is current. */
    @Transactional(readOnly = true)
    public List<SubmissionLabel> labels(String reader, String project, String run, Scope scope) {
        RunSummary summary = runs.summary(reader, project, run);
        if (scope.submissionIds().isEmpty() || summary.id() != scope.runId()) {
            return List.of();
        }
        Set<Long> current = new HashSet<>(replicas.logged(summary.id(), summary.desiredReplicas()).stream()
                .map(ReplicaRow::id).toList());
        return jdbc.sql("""
                        SELECT id, replica_num, submission_num, status, termination_reason, exit_code
                        FROM replica_submission WHERE id IN (:ids) ORDER BY replica_num, submission_num""")
                .param("ids", scope.submissionIds())
                .query((rs, i) -> {
                    boolean isCurrent = current.contains(rs.getLong("id"));
                    String reason = rs.getString("termination_reason");
                    int exit = rs.getInt("exit_code");
                    boolean hasExit = !rs.wasNull();
                    String ended = reason == null ? null : reason.toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (hasExit && TerminationReason.EXITED_WITH_ERROR.name().equals(reason) ? ", exit " + exit : "");
                    return new SubmissionLabel(rs.getInt("replica_num"), rs.getInt("submission_num"), isCurrent,
                            rs.getString("status"), ended);
                }).list();
    }

    @Transactional(readOnly = true)
    public LogPage page(Scope scope, LogRequest request) {
        if (scope.submissionIds().isEmpty()) {
            return new LogPage(List.of(), request.nextWhenEmpty(), null);
        }
        int limit = Math.max(1, Math.min(request.limit(), MAX_LIMIT));
        if (request.query() != null && !request.query().isBlank()) {
            return search.page(scope, request, limit);
        }
        boolean forward = request.after() != null;
        StringBuilder sql = new StringBuilder("""
                SELECT id, replica_num, submission_num, seq, logged_at, stream, text, spans FROM log_line
                WHERE submission_id IN (:ids)""");
        if (request.after() != null) {
            sql.append(" AND id > :after");
        }
        if (request.before() != null) {
            sql.append(" AND id < :before");
        }
        sql.append(forward ? " ORDER BY id ASC" : " ORDER BY id DESC").append(" LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("ids", scope.submissionIds()).param("limit", limit);
        if (request.after() != null) {
            statement = statement.param("after", request.after());
        }
        if (request.before() != null) {
            statement = statement.param("before", request.before());
        }
        List<LogLine> lines = new ArrayList<>(statement.query(LogQueries::line).list());
        if (!forward) {
            Collections.reverse(lines);
        }
        Long next = lines.isEmpty() ? request.nextWhenEmpty() : lines.getLast().id();
        // read backwards, a short page has reached the start of the log
        Long prev = lines.isEmpty() || (!forward && lines.size() < limit) ? null : lines.getFirst().id();
        return new LogPage(List.copyOf(lines), next, prev);
    }

    static LogLine line(ResultSet rs, int row) throws SQLException {
        return new LogLine(rs.getLong("id"), rs.getInt("replica_num"), rs.getInt("submission_num"),
                rs.getLong("seq"), rs.getTimestamp("logged_at").toInstant(),
                LogLine.streamName(rs.getString("stream")), rs.getString("text"), rs.getString("spans"));
    }

}
