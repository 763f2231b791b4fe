package dev.runplane.runs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Screen-sized reads of runs, always limited to the projects the reader may see. */
@Component
public class RunQueries {
    private final JdbcClient jdbc;

    RunQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the runs list. */
    public record RunRow(String project, String name, RunType type, RunStatus status, int desiredReplicas,
                         String submittedBy, Instant submittedAt) {
    }

    private static final String READABLE = """
            FROM run r JOIN project p ON p.id = r.project_id
            WHERE (EXISTS (SELECT 1 FROM app_user u WHERE u.username = :reader AND u.global_admin)
                OR EXISTS (SELECT 1 FROM project_member m JOIN app_user u ON u.id = m.user_id
                           WHERE m.project_id = p.id AND u.username = :reader))
            """;

    @Transactional(readOnly = true)
    public List<RunRow> list(String reader, int offset, int limit) {
        return jdbc.sql("SELECT p.name AS project, r.name, r.run_type, r.status, r.desired_replicas, "
                        + "r.submitted_by, r.submitted_at " + READABLE
                        + "ORDER BY r.submitted_at DESC, r.id DESC LIMIT :limit OFFSET :offset")
                .param("reader", reader).param("limit", Math.min(limit, 500)).param("offset", offset)
                .query((rs, i) -> new RunRow(rs.getString("project"), rs.getString("name"),
                        RunType.valueOf(rs.getString("run_type")), RunStatus.valueOf(rs.getString("status")),
                        rs.getInt("desired_replicas"), rs.getString("submitted_by"),
                        rs.getObject("submitted_at", Timestamp.class).toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    public int count(String reader) {
        return jdbc.sql("SELECT COUNT(*) " + READABLE).param("reader", reader).query(Integer.class).single();
    }
}
