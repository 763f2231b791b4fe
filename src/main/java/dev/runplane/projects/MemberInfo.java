package dev.runplane.projects;

import java.time.Instant;

/** One member of a project, as lists and the API show it. */
public record MemberInfo(String username, String displayName, Role role, MemberSource source, Instant addedAt) {
}
