package dev.runplane.users;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A person who can sign in, locally (password hash) or through SSO (OIDC issuer and subject, together). */
@Table("app_user")
public record User(
        @Id Long id,
        String username,
        String displayName,
        String passwordHash,
        String oidcSubject,
        String oidcIssuer,
        boolean globalAdmin,
        boolean enabled,
        Instant createdAt) {

    public static User local(String username, String passwordHash, boolean globalAdmin, Instant now) {
        return new User(null, username, username, passwordHash, null, null, globalAdmin, true, now);
    }

    public User withPasswordHash(String hash) {
        return new User(id, username, displayName, hash, oidcSubject, oidcIssuer, globalAdmin, enabled, createdAt);
    }
}
