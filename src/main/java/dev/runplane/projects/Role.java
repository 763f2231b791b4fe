package dev.runplane.projects;

/** A member's role in one project, from most to least powerful. */
public enum Role {
    /** members and settings, and everything below */
    ADMIN,
    /** members, and everything below */
    MANAGER,
    /** create and operate runs */
    USER,
    /** read only */
    VIEWER;

    public boolean canOperateRuns() {
        return this != VIEWER;
    }

    public boolean canManageMembers() {
        return this == ADMIN || this == MANAGER;
    }
}
