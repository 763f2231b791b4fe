package dev.runplane.runs;

import dev.runplane.base.SqlLike;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.replicas.ReplicaQueries;
import java.util.HashMap;
import java.util.Map;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs list of one project: filtered and sorted in the database, read a page at a time (the grid is lazy, so
 * 100,000 runs cost one page of rows). Sort fields come from a whitelist; filter values are bound parameters.
 */
@Component
public class RunQueries {
    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final ReplicaQueries replicas;

    RunQueries(JdbcClient jdbc, ProjectAccess access, ReplicaQueries replicas) {
        this.jdbc = jdbc;
        this.access = access;
        this.replicas = replicas;
    }

    /** One row of the runs list (cost is added by the caller from the billing read model). */
    public record RunRow(long id, String project, String name, RunType type, RunStatus status, int desiredReplicas,
                         int runningReplicas, String submittedBy, Instant submittedAt) {
    }

    public enum SortField {
        NAME("r.name"), TYPE("r.run_type"), STATUS("r.status"), SUBMITTED_BY("r.submitted_by"),
        SUBMITTED_AT("r.submitted_at");

        private final String column;

        SortField(String column) {
            this.column = column;
        }
    }

    /** Filters: null or blank means "any". */
    public record Filter(RunStatus status, String name, String submittedBy) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    public record Sort(SortField field, boolean ascending) {
        public static final Sort NEWEST_FIRST = new Sort(SortField.SUBMITTED_AT, false);
    }

    @Transactional(readOnly = true)
    public List<RunRow> page(String reader, String project, Filter filter, Sort sort, int offset, int limit) {
        long projectId = access.requireRead(reader, project);
        List<Object> params = new ArrayList<>();
        String where = where(projectId, filter, params);
        String direction = sort.ascending() ? " ASC" : " DESC";
        // names are unique in a project, so they need no tie-breaker; adding one would keep MariaDB from reading
        // the (project_id, name) unique index in order and make it sort the whole project instead
        String order = " ORDER BY " + sort.field().column + direction
                + (sort.field() == SortField.NAME ? "" : ", r.id" + direction);
        params.add(Math.min(Math.max(limit, 1), 500));
        params.add(Math.max(offset, 0));
        List<RunRow> rows = jdbc.sql("""
                        SELECT r.id, r.name, r.run_type, r.status, r.desired_replicas, r.submitted_by, r.submitted_at
                        FROM run r""" + where + order + " LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, i) -> row(rs, project))
                .list();
        // running replicas by the one definition of current (ReplicaSlots), for the whole page in one query
        Map<Long, Integer> desired = new HashMap<>();
        rows.forEach(r -> desired.put(r.id(), r.desiredReplicas()));
        Map<Long, Integer> running = replicas.runningCounts(desired);
        return rows.stream().map(r -> new RunRow(r.id(), r.project(), r.name(), r.type(), r.status(),
                r.desiredReplicas(), running.getOrDefault(r.id(), 0), r.submittedBy(), r.submittedAt())).toList();
    }

    @Transactional(readOnly = true)
    public int count(String reader, String project, Filter filter) {
        long projectId = access.requireRead(reader, project);
        List<Object> params = new ArrayList<>();
        String where = where(projectId, filter, params);
        return jdbc.sql("SELECT COUNT(*) FROM run r" + where).params(params).query(Integer.class).single();
    }

    /** Whether the project has no runs at all (the list's empty state), without counting them. */
    @Transactional(readOnly = true)
    public boolean isEmpty(String reader, String project) {
        long projectId = access.requireRead(reader, project);
        return jdbc.sql("SELECT id FROM run WHERE project_id = ? LIMIT 1").param(projectId).query(Long.class)
                .optional().isEmpty();
    }

    private static String where(long projectId, Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE r.project_id = ?");
        params.add(projectId);
        if (filter.status() != null) {
            where.append(" AND r.status = ?");
            params.add(filter.status().name());
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            where.append(" AND r.name LIKE ? ESCAPE '!'");
            params.add(SqlLike.contains(filter.name().trim()));
        }
        if (filter.submittedBy() != null && !filter.submittedBy().isBlank()) {
            where.append(" AND r.submitted_by LIKE ? ESCAPE '!'");
            params.add(SqlLike.contains(filter.submittedBy().trim()));
        }
        return where.toString();
    }

    private static RunRow row(ResultSet rs, String project) throws SQLException {
        return new RunRow(rs.getLong("id"), project, rs.getString("name"), RunType.valueOf(rs.getString("run_type")),
                RunStatus.valueOf(rs.getString("status")), rs.getInt("desired_replicas"), 0,
                rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant());
    }

}
