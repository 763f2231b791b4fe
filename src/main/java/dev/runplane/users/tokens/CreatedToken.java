package dev.runplane.users.tokens;

import java.time.Instant;

/** A token just created; the only value that ever carries the secret, so it must be shown once and dropped. */
public record CreatedToken(long id, String name, String secret, String prefix, Instant createdAt, Instant expiresAt) {
    @Override
    public String toString() {
        return "CreatedToken[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
