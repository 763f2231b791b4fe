package dev.runplane.reconciler;

import dev.runplane.base.NodeIdentity;
import dev.runplane.base.RunplaneProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims unfinished runs for this node with {@code SELECT … FOR UPDATE SKIP LOCKED} plus a lease (owner, token,
 * expiry). A run owned by another live node is skipped; an expired lease is taken over. Writes of a pass are
 * conditional on the token, so a node that lost its lease cannot overwrite the new owner's work.
 * <p>
 * The owner is the node's stable identity ({@link NodeIdentity}), so a restarted server claims the runs it held
 * before the crash at once: its data directory lock proves the earlier process of that identity is gone. Another
 * node still waits for the lease to expire.
 * <p>
 * The claim's update, written every pass anyway, also carries {@code replicas_seen_at}: the time of the previous
 * pass's observation, for the runs whose active replicas that pass all saw alive. That is what a replica that
 * vanishes without a record is dated by after a crash, at the cost of no extra write.
 */
@Component
class LeaseClaimer {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RunplaneProperties.Reconciler settings;
    private final String owner;

    LeaseClaimer(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RunplaneProperties properties,
                 NodeIdentity node) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.reconciler();
        this.owner = node.id();
    }

    record Claim(List<Long> runIds, String token) {
    }

    /** Runs whose active replicas were all observed alive at {@code at} (by the previous pass). */
    record SeenAlive(Instant at, Collection<Long> runIds) {
        static final SeenAlive NONE = new SeenAlive(Instant.EPOCH, List.of());
    }

    String owner() {
        return owner;
    }

    Claim claim(SeenAlive seen) {
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
                jdbc.sql("""
                                UPDATE run SET lease_owner = :owner, lease_token = :token, lease_expires_at = :expires,
                                       replicas_seen_at = CASE WHEN id IN (:seen) THEN :seenAt
                                                               ELSE replicas_seen_at END
                                WHERE id IN (:ids)""")
                        .param("owner", owner).param("token", token)
                        .param("expires", Timestamp.from(now.plus(settings.lease()))).param("ids", ids)
                        .param("seen", seen.runIds().isEmpty() ? List.of(-1L) : seen.runIds())
                        .param("seenAt", Timestamp.from(seen.at()))
                        .update();
            }
            return new Claim(ids, token);
        });
    }
}
