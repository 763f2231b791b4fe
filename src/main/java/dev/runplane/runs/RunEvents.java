package dev.runplane.runs;

import dev.runplane.base.Actor;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appends to the event log (timeline and audit). There is deliberately no update or delete here. */
@Component
public class RunEvents {
    private final JdbcClient jdbc;

    RunEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Actor actor, long projectId, Long runId, String runName, String action, String before,
                       String after, Instant now) {
        jdbc.sql("""
                        INSERT INTO run_event (occurred_at, actor, source, project_id, run_id, run_name, action,
                                               before_state, after_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(now), actor.username(), actor.source().label(), projectId, runId, runName,
                        action, before, after)
                .update();
    }
}
