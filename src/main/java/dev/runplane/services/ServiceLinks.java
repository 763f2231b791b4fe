package dev.runplane.services;

import dev.runplane.base.NotFoundException;
import dev.runplane.projects.ProjectAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The run page's "Open" link: a short-lived ticket for a member, traded by the endpoint for a cookie. */
@Service
public class ServiceLinks {
    private final ProjectAccess access;
    private final OpenTickets tickets;
    private final JdbcClient jdbc;

    ServiceLinks(ProjectAccess access, OpenTickets tickets, JdbcClient jdbc) {
        this.access = access;
        this.tickets = tickets;
        this.jdbc = jdbc;
    }

    /** The query parameter name and value to append to the service's URL; only for members of the project. */
    @Transactional(readOnly = true)
    public String openParameter(String username, String project, String run) {
        access.requireRead(username, project);
        long runId = jdbc.sql("""
                        SELECT r.id FROM run r JOIN project p ON p.id = r.project_id
                        WHERE p.name = ? AND r.name = ? AND r.run_type = 'SERVICE'""")
                .params(project, run).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("no service " + project + "/" + run));
        return ServiceGate.OPEN_PARAMETER + "=" + tickets.issueLink(runId);
    }
}
