package dev.runplane.projects;

import dev.runplane.audit.AuditLog;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.Source;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership rules, for the UI, the API and SSO alike. ADMINs (and global administrators) change any membership;
 * MANAGERs change members but neither grant nor touch the ADMIN role (else a manager could make itself admin);
 * the last ADMIN of a project is never removed or demoted. Every change is audited; changes to one project are
 * serialised by locking its row, so two concurrent demotions cannot both pass the last-admin check.
 */
@Service
public class MemberService {
    private static final Logger log = LoggerFactory.getLogger(MemberService.class);
    /** Who SSO membership changes are recorded as. */
    static final Actor SSO = new Actor("sso", Source.UI);

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    MemberService(JdbcClient jdbc, ProjectAccess access, AuditLog audit, Clock clock,
                  org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<MemberInfo> members(String reader, String project) {
        long projectId = access.requireRead(reader, project);
        return jdbc.sql("""
                        SELECT u.username, u.display_name, m.role, m.source, m.added_at
                        FROM project_member m JOIN app_user u ON u.id = m.user_id
                        WHERE m.project_id = ? ORDER BY u.username""")
                .param(projectId)
                .query((rs, i) -> new MemberInfo(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        MemberSource.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Adds a member or changes its role; a membership set here is LOCAL and survives SSO logins. */
    @Transactional
    public void setMember(Actor actor, String project, String username, Role role) {
        if (role == null) {
            throw new IllegalArgumentException("role must be one of ADMIN, MANAGER, USER, VIEWER");
        }
        Role callerRole = access.requireManageMembers(actor, project);
        long projectId = lockProject(project);
        long userId = userId(username);
        Optional<Stored> current = stored(projectId, userId);
        Role before = current.map(Stored::role).orElse(null);
        requireMayTouch(actor, callerRole, projectId, project, before, role);
        if (before == role && current.get().source() == MemberSource.LOCAL) {
            return;
        }
        if (before == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin(projectId, project, username);
        }
        write(projectId, userId, current.isPresent(), role, MemberSource.LOCAL);
        record(actor, projectId, username, before, role, null);
    }

    @Transactional
    public void removeMember(Actor actor, String project, String username) {
        Role callerRole = access.requireManageMembers(actor, project);
        long projectId = lockProject(project);
        long userId = userId(username);
        Role before = stored(projectId, userId).map(Stored::role)
                .orElseThrow(() -> new NotFoundException("'" + username + "' is not a member of '" + project + "'"));
        requireMayTouch(actor, callerRole, projectId, project, before, null);
        if (before == Role.ADMIN) {
            requireAnotherAdmin(projectId, project, username);
        }
        jdbc.sql("DELETE FROM project_member WHERE project_id = ? AND user_id = ?").params(projectId, userId).update();
        record(actor, projectId, username, before, null, null);
    }

    /**
     * Makes the user's SSO memberships exactly {@code wanted} (project name → role), at every login: SSO rows that
     * the claim no longer grants are removed, LOCAL rows are left alone. Unknown projects are skipped (projects
     * are created by administrators, never by an IdP), and so is anything that would remove the last admin.
     */
    @Transactional
    public void applySsoRoles(String username, Map<String, Role> wanted) {
        long userId = userId(username);
        record Row(long projectId, String project, Role role, MemberSource source) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT m.project_id, p.name, m.role, m.source FROM project_member m
                        JOIN project p ON p.id = m.project_id WHERE m.user_id = ?""")
                .param(userId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        MemberSource.valueOf(rs.getString(4))))
                .list();
        String message = "from the groups claim at " + username + "'s SSO login";
        for (Row row : rows) {
            if (row.source() == MemberSource.SSO && !wanted.containsKey(row.project())) {
                lockProject(row.project());
                if (row.role() == Role.ADMIN && adminCount(row.projectId()) <= 1) {
                    log.warn("SSO: '{}' stays ADMIN of '{}': it is the project's last admin", username, row.project());
                    continue;
                }
                jdbc.sql("DELETE FROM project_member WHERE project_id = ? AND user_id = ?")
                        .params(row.projectId(), userId).update();
                record(SSO, row.projectId(), username, row.role(), null, message);
            }
        }
        wanted.forEach((project, role) -> {
            Optional<Row> existing = rows.stream().filter(r -> r.project().equals(project)).findFirst();
            if (existing.isPresent() && (existing.get().source() == MemberSource.LOCAL
                    || existing.get().role() == role)) {
                return;
            }
            Optional<Long> projectId = jdbc.sql("SELECT id FROM project WHERE name = ? FOR UPDATE").param(project)
                    .query(Long.class).optional();
            if (projectId.isEmpty()) {
                log.warn("SSO: group mapping names project '{}', which does not exist; skipped", project);
                return;
            }
            Role before = existing.map(Row::role).orElse(null);
            if (before == Role.ADMIN && adminCount(projectId.get()) <= 1) {
                log.warn("SSO: '{}' stays ADMIN of '{}': it is the project's last admin", username, project);
                return;
            }
            write(projectId.get(), userId, existing.isPresent(), role, MemberSource.SSO);
            record(SSO, projectId.get(), username, before, role, message);
        });
    }

    private void requireMayTouch(Actor actor, Role callerRole, long projectId, String project, Role before,
                                 Role after) {
        if (callerRole != Role.ADMIN && (before == Role.ADMIN || after == Role.ADMIN)) {
            AccessDeniedException denied = new AccessDeniedException("your role in project '" + project + "' is "
                    + callerRole + ": only an ADMIN may grant, change or remove the ADMIN role");
            audit.recordDenied(actor, projectId, null, "MEMBERS", denied.getMessage());
            throw denied;
        }
    }

    private void requireAnotherAdmin(long projectId, String project, String username) {
        if (adminCount(projectId) <= 1) {
            throw new LastAdminException(project, username);
        }
    }

    private int adminCount(long projectId) {
        return jdbc.sql("SELECT COUNT(*) FROM project_member WHERE project_id = ? AND role = 'ADMIN'")
                .param(projectId).query(Integer.class).single();
    }

    private void write(long projectId, long userId, boolean exists, Role role, MemberSource source) {
        if (exists) {
            jdbc.sql("UPDATE project_member SET role = ?, source = ? WHERE project_id = ? AND user_id = ?")
                    .params(role.name(), source.name(), projectId, userId).update();
        } else {
            jdbc.sql("INSERT INTO project_member (project_id, user_id, role, source, added_at) VALUES (?, ?, ?, ?, ?)")
                    .params(projectId, userId, role.name(), source.name(), Timestamp.from(clock.instant())).update();
        }
    }

    private void record(Actor actor, long projectId, String username, Role before, Role after, String message) {
        String action = before == null ? "MEMBER_ADDED" : after == null ? "MEMBER_REMOVED" : "MEMBER_ROLE_CHANGED";
        audit.record(new AuditLog.Entry(actor, projectId, null, null, action, state(username, before),
                state(username, after), message));
        if (after == null) {
            events.publishEvent(new MembershipRemoved(username, projectId));
        }
    }

    private static String state(String username, Role role) {
        return role == null ? null : "member=" + username + " role=" + role;
    }

    private long lockProject(String project) {
        return jdbc.sql("SELECT id FROM project WHERE name = ? FOR UPDATE").param(project).query(Long.class)
                .optional().orElseThrow(() -> new NotFoundException("project '" + project + "' not found"));
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("user '" + username + "' not found"));
    }

    private record Stored(Role role, MemberSource source) {
    }

    private Optional<Stored> stored(long projectId, long userId) {
        return jdbc.sql("SELECT role, source FROM project_member WHERE project_id = ? AND user_id = ?")
                .params(projectId, userId)
                .query((rs, i) -> new Stored(Role.valueOf(rs.getString(1)), MemberSource.valueOf(rs.getString(2))))
                .optional();
    }
}
