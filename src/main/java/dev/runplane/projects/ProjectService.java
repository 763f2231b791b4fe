package dev.runplane.projects;

import dev.runplane.audit.AuditLog;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and memberships. Names follow the same pattern as run names, because both appear in paths. */
@Service
public class ProjectService {
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    static final int MAX_DISPLAY_NAME = 200;

    private final ProjectRepository projects;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ProjectAccess access;
    private final AuditLog audit;

    ProjectService(ProjectRepository projects, JdbcClient jdbc, Clock clock, ProjectAccess access, AuditLog audit) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.clock = clock;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Creates a project on behalf of a global administrator, with {@code firstAdmin} (or the creator, when null)
     * as its first ADMIN member, so that no project starts without someone to manage it.
     */
    @Transactional
    public Project createProject(Actor actor, String name, String displayName, String firstAdmin) {
        if (!access.isGlobalAdmin(actor.username())) {
            throw new AccessDeniedException("only global administrators create projects");
        }
        String admin = firstAdmin == null || firstAdmin.isBlank() ? actor.username() : firstAdmin.strip();
        if (!dev.runplane.users.UserService.USERNAME.matcher(admin).matches()) {
            throw new IllegalArgumentException("admin must be a user name matching "
                    + dev.runplane.users.UserService.USERNAME.pattern());
        }
        Long adminId = jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(admin).query(Long.class)
                .optional().orElseThrow(() -> new IllegalArgumentException("user '" + admin + "' does not exist"));
        String shownName = displayName == null || displayName.isBlank() ? name
                : dev.runplane.users.DisplayNames.require("displayName", displayName, MAX_DISPLAY_NAME);
        if (name != null && projects.findByName(name).isPresent()) {
            throw new ProjectAlreadyExistsException(name);
        }
        Project project;
        try {
            project = createProject(name, shownName);
        } catch (DuplicateKeyException | org.springframework.data.relational.core.conversion.DbActionExecutionException e) {
            // two concurrent creations of one name: the unique key decides
            throw new ProjectAlreadyExistsException(name);
        }
        jdbc.sql("INSERT INTO project_member (project_id, user_id, role, source, added_at) VALUES (?, ?, ?, ?, ?)")
                .params(project.id(), adminId, Role.ADMIN.name(), MemberSource.LOCAL.name(),
                        java.sql.Timestamp.from(clock.instant())).update();
        audit.record(new AuditLog.Entry(actor, project.id(), null, null, "PROJECT_CREATED", null,
                "project=" + name, null));
        audit.record(new AuditLog.Entry(actor, project.id(), null, null, "MEMBER_ADDED", null,
                "member=" + admin + " role=ADMIN", null));
        return project;
    }

    /** The projects the user can read, with the user's role in each. */
    @Transactional(readOnly = true)
    public List<ProjectInfo> listReadable(String username) {
        return jdbc.sql("""
                        SELECT p.name, p.display_name, p.created_at,
                               CASE WHEN u.global_admin THEN 'ADMIN' ELSE m.role END AS role
                        FROM project p
                        JOIN app_user u ON u.username = :u AND u.enabled
                        LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = u.id
                        WHERE u.global_admin OR m.role IS NOT NULL
                        ORDER BY p.name""")
                .param("u", username)
                .query((rs, i) -> new ProjectInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        Role.valueOf(rs.getString(4))))
                .list();
    }

    @Transactional
    public Project createProject(String name, String displayName) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("project name must match " + NAME.pattern());
        }
        return projects.save(new Project(null, name, displayName, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Optional<Project> findByName(String name) {
        return projects.findByName(name);
    }

    @Transactional(readOnly = true)
    public Project require(String name) {
        return projects.findByName(name).orElseThrow(() -> new NotFoundException("project '" + name + "' not found"));
    }

    @Transactional(readOnly = true)
    public long count() {
        return projects.count();
    }

    /** Adds a member or changes the role of an existing one, unchecked: for set-up code, not for users. */
    @Transactional
    public void putMember(String projectName, String username, Role role) {
        Project project = require(projectName);
        long userId = jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username)
                .query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("user '" + username + "' not found"));
        int updated = jdbc.sql("UPDATE project_member SET role = ? WHERE project_id = ? AND user_id = ?")
                .params(role.name(), project.id(), userId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO project_member (project_id, user_id, role, added_at) VALUES (?, ?, ?, ?)")
                    .params(project.id(), userId, role.name(), java.sql.Timestamp.from(clock.instant())).update();
        }
    }

    /** The projects a user can see, by name. */
    @Transactional(readOnly = true)
    public List<String> projectNamesReadableBy(String username) {
        return jdbc.sql("""
                        SELECT p.name FROM project p
                        WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.username = :u AND u.global_admin)
                           OR EXISTS (SELECT 1 FROM project_member m JOIN app_user u ON u.id = m.user_id
                                      WHERE m.project_id = p.id AND u.username = :u)
                        ORDER BY p.name""")
                .param("u", username).query(String.class).list();
    }
}
