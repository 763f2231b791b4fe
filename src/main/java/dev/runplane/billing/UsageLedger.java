package dev.runplane.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the usage ledger. The reconciler calls it inside the transaction that moves a submission into or out of
 * consumption, so a crash can never leave a status change without its ledger entry (no gap) or repeat one (the
 * interval is unique per submission and closing is conditional on it being open: no double count).
 */
@Component
public class UsageLedger {
    private final JdbcClient jdbc;

    UsageLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the submission's interval at {@code at}, unless it already has one. */
    public void open(long submissionId, Instant at) {
        jdbc.sql("""
                        INSERT INTO usage_interval (submission_id, project_id, run_id, run_name, replica_num,
                                                    submission_num, started_at, price_per_hour)
                        SELECT s.id, r.project_id, r.id, r.name, s.replica_num, s.submission_num, ?, s.price_per_hour
                        FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM usage_interval u WHERE u.submission_id = s.id)""")
                .params(Timestamp.from(at), submissionId).update();
    }

    /** Closes the submission's open interval at {@code at} and fixes its cost; a closed one stays as it is. */
    public void close(long submissionId, Instant at) {
        jdbc.sql("SELECT started_at, price_per_hour FROM usage_interval WHERE submission_id = ? AND ended_at IS NULL")
                .param(submissionId)
                .query((rs, i) -> new Object[] {rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2)})
                .optional()
                .ifPresent(open -> {
                    Instant started = (Instant) open[0];
                    Instant ended = at.isBefore(started) ? started : at;
                    BigDecimal cost = Money.cost((BigDecimal) open[1], started, ended);
                    jdbc.sql("UPDATE usage_interval SET ended_at = ?, cost = ? WHERE submission_id = ? "
                                    + "AND ended_at IS NULL")
                            .params(Timestamp.from(ended), cost, submissionId).update();
                });
    }
}
