package dev.runplane.projects;

import dev.runplane.audit.AuditLog;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may read or operate in a project. A project the user cannot read answers exactly like one that does not
 * exist ({@link NotFoundException}), so names of other teams' projects and runs never leak. A member who may read
 * but not act gets {@link AccessDeniedException}, and the refusal is audited as {@code DENIED_<operation>}.
 * Roles are read from the database at every call, so a revoked role takes effect at the user's next action.
 */
@Component
public class ProjectAccess {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ProjectAccess(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The caller's effective role: global administrators act as project {@link Role#ADMIN}. */
    public Optional<Role> roleOf(String username, String projectName) {
        return jdbc.sql("""
                        SELECT CASE WHEN u.global_admin THEN 'ADMIN' ELSE m.role END
                        FROM project p
                        JOIN app_user u ON u.username = :u AND u.enabled
                        LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = u.id
                        WHERE p.name = :p AND (u.global_admin OR m.role IS NOT NULL)""")
                .param("u", username).param("p", projectName)
                .query(String.class).optional().map(Role::valueOf);
    }

    public boolean isGlobalAdmin(String username) {
        return jdbc.sql("SELECT global_admin FROM app_user WHERE username = ? AND enabled").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Returns the project id when the user may read it. */
    public long requireRead(String username, String projectName) {
        requireRole(username, projectName);
        return projectId(projectName);
    }

    /** Returns the project id when the user may create and operate runs in it (no audit of a refusal). */
    public long requireOperate(String username, String projectName) {
        Role role = requireRole(username, projectName);
        if (!role.canOperateRuns()) {
            throw denied(projectName, role, "it may not change runs");
        }
        return projectId(projectName);
    }

    /**
     * Returns the project id when the actor may perform {@code operation} (CREATE, SCALE, STOP…) on runs in it;
     * a refusal is audited with the actor, its source and the run name.
     */
    public long requireOperate(Actor actor, String projectName, String operation, String runName) {
        Role role = requireRole(actor.username(), projectName);
        long projectId = projectId(projectName);
        if (!role.canOperateRuns()) {
            AccessDeniedException denied = denied(projectName, role, "it may not change runs");
            audit.recordDenied(actor, projectId, runName, operation.toUpperCase(Locale.ROOT), denied.getMessage());
            throw denied;
        }
        return projectId;
    }

    /** Returns the caller's role when it may change members of the project; a refusal is audited. */
    Role requireManageMembers(Actor actor, String projectName) {
        Role role = requireRole(actor.username(), projectName);
        if (!role.canManageMembers()) {
            AccessDeniedException denied = denied(projectName, role, "it may not change members");
            audit.recordDenied(actor, projectId(projectName), null, "MEMBERS", denied.getMessage());
            throw denied;
        }
        return role;
    }

    private Role requireRole(String username, String projectName) {
        return roleOf(username, projectName)
                .orElseThrow(() -> new NotFoundException("project '" + projectName + "' not found"));
    }

    private static AccessDeniedException denied(String projectName, Role role, String what) {
        return new AccessDeniedException("your role in project '" + projectName + "' is " + role + ": " + what);
    }

    private long projectId(String projectName) {
        return jdbc.sql("SELECT id FROM project WHERE name = ?").param(projectName).query(Long.class).single();
    }
}
