package dev.runplane.projects;

/** A user lost its membership of a project (by hand or at an SSO login): what it had open there must end. */
public record MembershipRemoved(String username, long projectId) {
}
