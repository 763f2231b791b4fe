package dev.runplane.users.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The {@code api_token} table. Times are written and read as UTC {@link LocalDateTime}s, so that {@code DATETIME(6)}
 * holds UTC whatever the JVM's or the database's time zone is.
 */
@Component
class ApiTokenStore {
    /** A token row with what authentication needs to decide. */
    record StoredToken(long id, long userId, String name, String username, boolean globalAdmin, boolean userEnabled,
                       Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

        /** Why this token may not be used now, or null when it may. */
        String refusal(Instant now) {
            if (revokedAt != null) {
                return "revoked";
            }
            if (expiresAt != null && !now.isBefore(expiresAt)) {
                return "expired";
            }
            if (!userEnabled) {
                return "user disabled";
            }
            return null;
        }
    }

    /** Usable tokens come first and number at most MAX_ACTIVE_PER_USER: the limit hides only dead ones. */
    private static final int LIST_LIMIT = ApiTokenService.MAX_ACTIVE_PER_USER + 100;

    private final JdbcClient jdbc;

    ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username).query(Long.class).optional();
    }

    long insert(long userId, String name, String prefix, String hash, Instant createdAt, Instant expiresAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_token (user_id, name, token_prefix, secret_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(userId, name, prefix, hash, utc(createdAt), utc(expiresAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    long countActive(long userId, Instant now) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM api_token
                        WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)""")
                .params(userId, utc(now)).query(Long.class).single();
    }

    List<TokenInfo> list(String username, Instant now) {
        return jdbc.sql("""
                        SELECT t.id, t.name, t.token_prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
                        FROM api_token t JOIN app_user u ON u.id = t.user_id
                        WHERE u.username = ?
                        ORDER BY CASE WHEN t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
                                      THEN 0 ELSE 1 END, t.id DESC
                        LIMIT ?""")
                .params(username, utc(now), LIST_LIMIT)
                .query((rs, n) -> new TokenInfo(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                        instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                        instant(rs, "revoked_at")))
                .list();
    }

    Optional<StoredToken> findByHash(String hash) {
        return jdbc.sql("""
                        SELECT t.id, t.user_id, t.name, u.username, u.global_admin, u.enabled,
                               t.expires_at, t.last_used_at, t.revoked_at
                        FROM api_token t JOIN app_user u ON u.id = t.user_id
                        WHERE t.secret_hash = ?""")
                .param(hash)
                .query((rs, n) -> new StoredToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
                        rs.getString("username"), rs.getBoolean("global_admin"), rs.getBoolean("enabled"),
                        instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at")))
                .optional();
    }

    /** Records a use unless one was recorded after {@code notAfter}: at most one write per token per interval. */
    void touch(long id, Instant now, Instant notAfter) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(utc(now), id, utc(notAfter)).update();
    }

    /** Revokes one of the user's tokens (keeping the first revocation time); false when the user has no such token. */
    boolean revoke(String username, long id, Instant now) {
        return jdbc.sql("""
                        UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?)
                        WHERE id = ? AND user_id = (SELECT u.id FROM app_user u WHERE u.username = ?)""")
                .params(utc(now), id, username).update() == 1;
    }

    /** Gives an existing row (found by hash) to the user as a fresh, never-expiring token. */
    void reassign(long id, long userId, String name, String prefix, Instant now) {
        jdbc.sql("""
                        UPDATE api_token SET user_id = ?, name = ?, token_prefix = ?, created_at = ?,
                               expires_at = NULL, revoked_at = NULL
                        WHERE id = ?""")
                .params(userId, name, prefix, utc(now), id).update();
    }

    /** Revokes the user's still-active tokens of that name, except one. */
    void revokeNamed(long userId, String name, long exceptId, Instant now) {
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND name = ? AND id <> ? AND revoked_at IS NULL")
                .params(utc(now), userId, name, exceptId).update();
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
