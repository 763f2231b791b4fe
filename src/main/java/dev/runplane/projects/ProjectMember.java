package dev.runplane.projects;

import java.time.Instant;

/** One user's role in one project (rows of {@code project_member}). */
public record ProjectMember(long projectId, long userId, Role role, Instant addedAt) {
}
