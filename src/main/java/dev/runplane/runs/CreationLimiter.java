package dev.runplane.runs;

import dev.runplane.base.RunplaneProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Refuses run creation in a tight loop (per user per minute) and past a project's quota of unfinished runs. */
@Component
class CreationLimiter {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    CreationLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void checkCreate(String username, long projectId, RunplaneProperties.Runs limits) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(username, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minusSeconds(60))) {
                times.pollFirst();
            }
            if (times.size() >= limits.createsPerMinute()) {
                throw new TooManyRequestsException("you created " + times.size() + " runs in the last minute (limit "
                        + limits.createsPerMinute() + "); wait a little", 60);
            }
            times.addLast(now);
        }
        int active = jdbc.sql("SELECT COUNT(*) FROM run WHERE project_id = ? AND status NOT IN "
                        + "('TERMINATED', 'DONE', 'FAILED')")
                .param(projectId).query(Integer.class).single();
        if (active >= limits.maxActiveRunsPerProject()) {
            throw new TooManyRequestsException("the project already has " + active + " unfinished runs (limit "
                    + limits.maxActiveRunsPerProject() + "); stop or finish some first", 60);
        }
    }
}
