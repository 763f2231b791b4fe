package dev.runplane.users;

import java.time.Instant;

/** A user as administrators list it: never the password hash. */
public record UserInfo(String username, String displayName, boolean globalAdmin, boolean enabled, boolean sso,
                       boolean localPassword, Instant createdAt) {
    static UserInfo of(User u) {
        return new UserInfo(u.username(), u.displayName(), u.globalAdmin(), u.enabled(), u.oidcSubject() != null,
                u.passwordHash() != null, u.createdAt());
    }
}
