package dev.runplane.projects;

import java.time.Instant;

/** A project as its reader sees it, with the reader's effective role there. */
public record ProjectInfo(String name, String displayName, Instant createdAt, Role role) {
}
