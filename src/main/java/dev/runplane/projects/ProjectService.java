package dev.runplane.projects;

import dev.runplane.base.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and memberships. Names follow the same pattern as run names, because both appear in paths. */
@Service
public class ProjectService {
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final ProjectRepository projects;
    private final JdbcClient jdbc;
    private final Clock clock;

    ProjectService(ProjectRepository projects, JdbcClient jdbc, Clock clock) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.clock = clock;
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

    /** Adds a member or changes the role of an existing one. */
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
