package dev.runplane.runs;

import dev.runplane.projects.ProjectAccess;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One method per operation on runs, shared by the UI, the REST API and the CLI. Methods write desired state only
 * and publish {@link RunChanged}; the reconciler turns desired state into replicas.
 */
@Service
public class RunService {
    private final RunRepository runs;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RunService(RunRepository runs, ProjectAccess access, ApplicationEventPublisher events, Clock clock) {
        this.runs = runs;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Run create(String actor, String project, String name, RunType type, int replicas, String specText) {
        long projectId = access.requireOperate(actor, project);
        try {
            Run run = runs.save(Run.submit(projectId, name, type, specText, replicas, actor, clock.instant()));
            events.publishEvent(new RunChanged(project, name));
            return run;
        } catch (DuplicateKeyException e) {
            throw new RunAlreadyExistsException(project, name);
        }
    }
}
