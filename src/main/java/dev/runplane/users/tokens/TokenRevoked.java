package dev.runplane.users.tokens;

/** An API token was revoked: whatever it still has open (log streams) must end. */
public record TokenRevoked(long tokenId, String username) {
}
