package dev.runplane.audit;

import dev.runplane.base.Actor;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends audit events. There is deliberately no update or delete. A denial is written in its own transaction:
 * the refused operation's transaction rolls back, and the record of the refusal must not roll back with it.
 */
@Component
public class AuditLog {
    /** What an event is about; {@code projectId} null means it belongs to no project (users, tokens). */
    public record Entry(Actor actor, Long projectId, Long runId, String runName, String action, String before,
                        String after, String message) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AuditLog(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an event in the caller's transaction, so it exists exactly when the change it describes does. */
    public void record(Entry entry) {
        jdbc.sql("""
                        INSERT INTO run_event (occurred_at, actor, source, project_id, run_id, run_name, action,
                                               before_state, after_state, message)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), entry.actor().username(), entry.actor().source().label(),
                        entry.projectId(), entry.runId(), entry.runName(), truncate(entry.action(), 32),
                        truncate(entry.before(), 2000), truncate(entry.after(), 2000),
                        truncate(entry.message(), 2000))
                .update();
    }

    /** Records a refused operation; survives the rollback of the operation that was refused. */
    public void recordDenied(Actor actor, long projectId, String runName, String operation, String reason) {
        ownTransaction.executeWithoutResult(status -> record(new Entry(actor, projectId, null, runName,
                "DENIED_" + operation, null, null, reason)));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
