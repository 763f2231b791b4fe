package dev.runplane.users.tokens;

import java.time.Instant;

/** One token as its owner sees it in a list: metadata only, never the secret or its hash. */
public record TokenInfo(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
                        Instant lastUsedAt, Instant revokedAt) {
}
