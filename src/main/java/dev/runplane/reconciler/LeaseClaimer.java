package dev.runplane.reconciler;

import dev.runplane.base.RunplaneProperties;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims unfinished runs for this node with {@code SELECT … FOR UPDATE SKIP LOCKED} plus a lease (owner, token,
 * expiry). A run owned by another live node is skipped; an expired lease is taken over. Writes of a pass are
 * conditional on the token, so a node that lost its lease cannot overwrite the new owner's work.
 */
@Component
class LeaseClaimer {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RunplaneProperties.Reconciler settings;
    private final String owner;

    LeaseClaimer(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RunplaneProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.reconciler();
        this.owner = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    record Claim(List<Long> runIds, String token) {
    }

    String owner() {
        return owner;
    }

    Claim claim() {
        String token = UUID.randomUUID().toString();
        return tx.execute(status -> {
            Instant now = clock.instant();
            List<Long> ids = jdbc.sql("""
                            SELECT id FROM run
                            WHERE status NOT IN ('TERMINATED', 'DONE', 'FAILED')
                              AND (lease_owner IS NULL OR lease_owner = :owner OR lease_expires_at < :now)
                            ORDER BY id LIMIT :limit
                            FOR UPDATE SKIP LOCKED""")
                    .param("owner", owner).param("now", Timestamp.from(now)).param("limit", settings.batchSize())
                    .query(Long.class).list();
            if (!ids.isEmpty()) {
                jdbc.sql("UPDATE run SET lease_owner = :owner, lease_token = :token, lease_expires_at = :expires "
                                + "WHERE id IN (:ids)")
                        .param("owner", owner).param("token", token)
                        .param("expires", Timestamp.from(now.plus(settings.lease()))).param("ids", ids)
                        .update();
            }
            return new Claim(ids, token);
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "node";
        }
    }
}
