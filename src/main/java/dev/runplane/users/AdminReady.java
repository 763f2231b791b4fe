package dev.runplane.users;

/** Published once the bootstrap administrator exists, so other modules can set up what they own for it. */
public record AdminReady(String username) {
}
