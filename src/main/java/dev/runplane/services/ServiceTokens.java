package dev.runplane.services;

import dev.runplane.base.NotFoundException;
import dev.runplane.projects.ProjectAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tokens scoped to one service: they open its endpoint and nothing else. Created and revoked by users who may
 * operate the project (the API and the run page call these same methods); the secret is shown once.
 */
@Service
public class ServiceTokens {
    static final String PREFIX = "rps_";
    static final int MAX_ACTIVE_PER_SERVICE = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Created(long id, String name, String secret, Instant createdAt) {
    }

    public record Info(long id, String name, String prefix, String createdBy, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final Clock clock;
    private volatile Runnable onRevoke = () -> { };

    ServiceTokens(JdbcClient jdbc, ProjectAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    void onRevoke(Runnable forgetVerdicts) {
        this.onRevoke = forgetVerdicts;
    }

    @Transactional
    public Created create(String username, String project, String run, String name) {
        access.requireOperate(username, project);
        long runId = serviceId(project, run);
        String validName = name == null ? "" : name.trim();
        if (validName.isEmpty() || validName.length() > 100) {
            throw new IllegalArgumentException("a service token needs a name of 1 to 100 characters");
        }
        Integer active = jdbc.sql("SELECT COUNT(*) FROM service_token WHERE run_id = ? AND revoked_at IS NULL")
                .param(runId).query(Integer.class).single();
        if (active >= MAX_ACTIVE_PER_SERVICE) {
            throw new IllegalArgumentException("a service may have at most " + MAX_ACTIVE_PER_SERVICE
                    + " active tokens: revoke some first");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO service_token (run_id, name, token_prefix, secret_hash, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(runId, validName, secret.substring(0, 11), hash(secret), username, Timestamp.from(now))
                .update();
        long id = jdbc.sql("SELECT id FROM service_token WHERE secret_hash = ?").param(hash(secret))
                .query(Long.class).single();
        return new Created(id, validName, secret, now);
    }

    @Transactional(readOnly = true)
    public List<Info> list(String username, String project, String run) {
        access.requireRead(username, project);
        return jdbc.sql("""
                        SELECT id, name, token_prefix, created_by, created_at FROM service_token
                        WHERE run_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 500""")
                .param(serviceId(project, run))
                .query((rs, i) -> new Info(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional
    public void revoke(String username, String project, String run, long id) {
        access.requireOperate(username, project);
        int changed = jdbc.sql("UPDATE service_token SET revoked_at = ? WHERE id = ? AND run_id = ? AND revoked_at "
                        + "IS NULL").params(Timestamp.from(clock.instant()), id, serviceId(project, run)).update();
        if (changed == 0) {
            throw new NotFoundException("no token " + id + " of service " + project + "/" + run);
        }
        onRevoke.run();
    }

    /** Whether the secret is an unrevoked token of this run (the endpoint's check; no access rule of its own). */
    boolean valid(long runId, String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM service_token WHERE secret_hash = ? AND run_id = ? AND revoked_at IS "
                + "NULL").params(hash(secret), runId).query(Integer.class).single() > 0;
    }

    private long serviceId(String project, String run) {
        return jdbc.sql("""
                        SELECT r.id FROM run r JOIN project p ON p.id = r.project_id
                        WHERE p.name = ? AND r.name = ? AND r.run_type = 'SERVICE'""")
                .params(project, run).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("no service " + project + "/" + run));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
