package dev.runplane.runs;

import dev.runplane.projects.ProjectAccess;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a project's overview shows: how many runs are in each status, and the runs someone should look at. Every
 * query is bounded (a count per status, a fixed number of rows), so the page costs the same for 10 or 100,000 runs.
 */
@Component
public class ProjectOverviewQueries {
    /** Finished runs that failed this recently still need a look. */
    static final Duration RECENT_FAILURE = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final Clock clock;

    ProjectOverviewQueries(JdbcClient jdbc, ProjectAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    /** Why a run needs attention, in words a user acts on. */
    public enum Concern {
        FAILED, FAILING, RETRYING, WAITING
    }

    /**
     * One run to look at: the replica concerned (null for the run as a whole), its status and the backend's reason.
     */
    public record Attention(String run, RunStatus runStatus, Concern concern, Integer replica, String reason,
                            Instant since) {
    }

    /** Runs per status; statuses without runs are 0. */
    @Transactional(readOnly = true)
    public Map<RunStatus, Integer> runsByStatus(String reader, String project) {
        long projectId = access.requireRead(reader, project);
        Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
        for (RunStatus status : RunStatus.values()) {
            counts.put(status, 0);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM run WHERE project_id = ? GROUP BY status")
                .param(projectId)
                .query(rs -> {
                    counts.put(RunStatus.valueOf(rs.getString("status")), rs.getInt("n"));
                });
        return counts;
    }

    /**
     * Active runs whose latest attempt of a replica failed, is a retry that is not running, or waits with a reason
     * (no capacity, image pull…), then runs that failed in the last day; at most {@code limit} of each.
     */
    @Transactional(readOnly = true)
    public List<Attention> needingAttention(String reader, String project, int limit) {
        long projectId = access.requireRead(reader, project);
        int size = Math.max(1, Math.min(limit, 50));
        List<Attention> rows = new ArrayList<>(jdbc.sql("""
                        SELECT r.name, r.status AS run_status, s.replica_num, s.submission_num, s.status,
                               s.status_message, s.submitted_at
                        FROM run r JOIN replica_submission s ON s.run_id = r.id
                        WHERE r.project_id = ? AND r.status NOT IN ('TERMINATED', 'DONE', 'FAILED')
                          AND s.status IN ('SUBMITTED', 'PROVISIONING', 'FAILED')
                          AND (s.status = 'FAILED' OR s.submission_num > 1 OR s.status_message IS NOT NULL)
                          AND NOT EXISTS (SELECT 1 FROM replica_submission n WHERE n.run_id = s.run_id
                                          AND n.replica_num = s.replica_num AND n.submission_num > s.submission_num)
                        ORDER BY s.submitted_at DESC LIMIT ?""")
                .params(projectId, size)
                .query((rs, i) -> {
                    String status = rs.getString("status");
                    Concern concern = "FAILED".equals(status) ? Concern.FAILING
                            : rs.getInt("submission_num") > 1 ? Concern.RETRYING : Concern.WAITING;
                    return new Attention(rs.getString("name"), RunStatus.valueOf(rs.getString("run_status")),
                            concern, rs.getInt("replica_num"), rs.getString("status_message"),
                            rs.getTimestamp("submitted_at").toInstant());
                })
                .list());
        rows.addAll(jdbc.sql("""
                        SELECT name, finished_at FROM run
                        WHERE project_id = ? AND status = 'FAILED' AND finished_at > ?
                        ORDER BY finished_at DESC LIMIT ?""")
                .params(projectId, Timestamp.from(clock.instant().minus(RECENT_FAILURE)), size)
                .query((rs, i) -> new Attention(rs.getString("name"), RunStatus.FAILED, Concern.FAILED, null, null,
                        rs.getTimestamp("finished_at").toInstant()))
                .list());
        return rows;
    }
}
