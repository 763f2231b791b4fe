package dev.runplane.projects;

import dev.runplane.base.NotFoundException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may read or operate in a project. A project the user cannot read answers exactly like one that does not
 * exist ({@link NotFoundException}), so names of other teams' projects and runs never leak.
 */
@Component
public class ProjectAccess {
    private final JdbcClient jdbc;

    ProjectAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller's effective role: global administrators act as project {@link Role#ADMIN}. */
    public Optional<Role> roleOf(String username, String projectName) {
        return jdbc.sql("""
                        SELECT CASE WHEN u.global_admin THEN 'ADMIN' ELSE m.role END
                        FROM project p
                        JOIN app_user u ON u.username = :u
                        LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = u.id
                        WHERE p.name = :p AND (u.global_admin OR m.role IS NOT NULL)""")
                .param("u", username).param("p", projectName)
                .query(String.class).optional().map(Role::valueOf);
    }

    /** Returns the project id when the user may read it. */
    public long requireRead(String username, String projectName) {
        roleOf(username, projectName)
                .orElseThrow(() -> new NotFoundException("project '" + projectName + "' not found"));
        return projectId(projectName);
    }

    /** Returns the project id when the user may create and operate runs in it. */
    public long requireOperate(String username, String projectName) {
        Role role = roleOf(username, projectName)
                .orElseThrow(() -> new NotFoundException("project '" + projectName + "' not found"));
        if (!role.canOperateRuns()) {
            throw new AccessDeniedException("your role in project '" + projectName + "' is " + role
                    + ": it may not change runs");
        }
        return projectId(projectName);
    }

    private long projectId(String projectName) {
        return jdbc.sql("SELECT id FROM project WHERE name = ?").param(projectName).query(Long.class).single();
    }
}
