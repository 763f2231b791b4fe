package dev.runplane.audit;

import dev.runplane.base.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log, newest first, filtered and cursor-paged. Global administrators see everything; everyone else sees
 * the events of the projects they can read, and nothing that belongs to no project. Every filter is a bound
 * parameter; the action filter is a prefix ({@code DENIED} finds every denial).
 */
@Component
public class AuditQueries {
    public static final int MAX_LIMIT = 500;

    public record Filter(String project, String user, String action, Instant from, Instant to, int limit,
                         String cursor) {
    }

    public record AuditRow(long id, Instant time, String actor, String source, String project, String run,
                           String action, String before, String after, String message) {
    }

    public record AuditPage(List<AuditRow> events, String next) {
    }

    private final JdbcClient jdbc;

    AuditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AuditPage page(String reader, Filter filter) {
        boolean globalAdmin = jdbc.sql("SELECT global_admin FROM app_user WHERE username = ?").param(reader)
                .query(Boolean.class).optional().orElse(false);
        Long projectId = filter.project() == null || filter.project().isBlank() ? null
                : readableProjectId(reader, globalAdmin, filter.project());
        int size = Math.max(1, Math.min(filter.limit(), MAX_LIMIT));
        StringBuilder sql = new StringBuilder("""
                SELECT e.id, e.occurred_at, e.actor, e.source, p.name AS project, e.run_name, e.action,
                       e.before_state, e.after_state, e.message
                FROM run_event e LEFT JOIN project p ON p.id = e.project_id
                WHERE e.id < :before""");
        if (!globalAdmin) {
            // a plain string: a text block would strip the leading space and glue AND onto ":before"
            sql.append(" AND e.project_id IN (SELECT m.project_id FROM project_member m"
                    + " JOIN app_user u ON u.id = m.user_id WHERE u.username = :reader)");
        }
        if (projectId != null) {
            sql.append(" AND e.project_id = :project");
        }
        if (hasText(filter.user())) {
            sql.append(" AND e.actor = :user");
        }
        if (hasText(filter.action())) {
            sql.append(" AND e.action LIKE :action ESCAPE '!'");
        }
        if (filter.from() != null) {
            sql.append(" AND e.occurred_at >= :from");
        }
        if (filter.to() != null) {
            sql.append(" AND e.occurred_at < :to");
        }
        sql.append(" ORDER BY e.id DESC LIMIT :limit");
        List<AuditRow> rows = jdbc.sql(sql.toString())
                .param("before", decodeCursor(filter.cursor()))
                .param("reader", reader)
                .param("project", projectId == null ? 0L : projectId)
                .param("user", hasText(filter.user()) ? filter.user().strip() : "")
                .param("action", hasText(filter.action()) ? likePrefix(filter.action().strip()) : "")
                .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
                .param("limit", size + 1)
                .query((rs, i) -> new AuditRow(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("source"), rs.getString("project"),
                        rs.getString("run_name"), rs.getString("action"), rs.getString("before_state"),
                        rs.getString("after_state"), rs.getString("message")))
                .list();
        String next = rows.size() > size ? encodeCursor(rows.get(size - 1).id()) : null;
        return new AuditPage(rows.size() > size ? rows.subList(0, size) : rows, next);
    }

    /** A project the reader cannot read answers like one that does not exist. */
    private long readableProjectId(String reader, boolean globalAdmin, String project) {
        return jdbc.sql("""
                        SELECT p.id FROM project p WHERE p.name = :p AND (:admin OR EXISTS (
                            SELECT 1 FROM project_member m JOIN app_user u ON u.id = m.user_id
                            WHERE m.project_id = p.id AND u.username = :reader))""")
                .param("p", project).param("admin", globalAdmin).param("reader", reader)
                .query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("project '" + project + "' not found"));
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String likePrefix(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long id = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (id < 0) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this API returned");
        }
    }
}
