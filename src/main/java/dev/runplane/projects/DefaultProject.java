package dev.runplane.projects;

import dev.runplane.users.AdminReady;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** On a fresh installation, gives the bootstrap administrator a project to start in. */
@Component
class DefaultProject {
    static final String NAME = "default";
    private final ProjectService projects;

    DefaultProject(ProjectService projects) {
        this.projects = projects;
    }

    @EventListener
    void on(AdminReady adminReady) {
        if (projects.count() == 0) {
            projects.createProject(NAME, "Default project");
            projects.putMember(NAME, adminReady.username(), Role.ADMIN);
        }
    }
}
