package dev.runplane.runs;

import dev.runplane.projects.ProjectAccess;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The event timeline of a project or one run, newest first, cursor-paged. */
@Component
public class EventQueries {
    private final JdbcClient jdbc;
    private final ProjectAccess access;

    EventQueries(JdbcClient jdbc, ProjectAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    public record EventRow(long id, Instant time, String actor, String source, String run, String action,
                           String before, String after, String message) {
    }

    public record EventPage(List<EventRow> events, String next) {
    }

    @Transactional(readOnly = true)
    public EventPage page(String reader, String project, String run, int limit, String cursor) {
        long projectId = access.requireRead(reader, project);
        int size = Math.max(1, Math.min(limit, 500));
        long before = RunDetails.decodeCursor(cursor);
        List<EventRow> rows = jdbc.sql("""
                        SELECT id, occurred_at, actor, source, run_name, action, before_state, after_state, message
                        FROM run_event WHERE project_id = :p AND id < :before"""
                        + (run == null ? "" : " AND run_name = :run") + " ORDER BY id DESC LIMIT :limit")
                .param("p", projectId).param("before", before).param("limit", size + 1)
                .param("run", run == null ? "" : run)
                .query((rs, i) -> new EventRow(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("source"), rs.getString("run_name"),
                        rs.getString("action"), rs.getString("before_state"), rs.getString("after_state"),
                        rs.getString("message")))
                .list();
        String next = rows.size() > size ? RunDetails.encodeCursor(rows.get(size - 1).id()) : null;
        return new EventPage(rows.size() > size ? rows.subList(0, size) : rows, next);
    }
}
