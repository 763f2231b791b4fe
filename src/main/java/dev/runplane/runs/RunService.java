package dev.runplane.runs;

import dev.runplane.base.Actor;
import dev.runplane.base.DataDiskGuard;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.RunplaneProperties;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.runs.spec.RunSpec;
import dev.runplane.runs.spec.RunSpecException;
import dev.runplane.runs.spec.RunSpecParser;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One method per operation on runs, shared by the UI (list and detail), the REST API and the CLI. Methods check
 * access, write desired state only, record an event, and publish {@link RunChanged} (delivered after commit). The
 * reconciler turns desired state into replicas.
 */
@Service
public class RunService {
    private final RunRepository runs;
    private final RunStore store;
    private final RunEvents runEvents;
    private final ProjectAccess access;
    private final BackendRegistry backends;
    private final CreationLimiter limiter;
    private final ApplicationEventPublisher events;
    private final RunplaneProperties.Runs limits;
    private final Clock clock;
    private final RunSpecParser parser = new RunSpecParser();
    private final DataDiskGuard disk;

    RunService(RunRepository runs, RunStore store, RunEvents runEvents, ProjectAccess access,
               BackendRegistry backends, CreationLimiter limiter, ApplicationEventPublisher events,
               RunplaneProperties properties, Clock clock, DataDiskGuard disk) {
        this.disk = disk;
        this.runs = runs;
        this.store = store;
        this.runEvents = runEvents;
        this.access = access;
        this.backends = backends;
        this.limiter = limiter;
        this.events = events;
        this.limits = properties.runs();
        this.clock = clock;
    }

    /** Creates a run from spec text (YAML or JSON). */
    @Transactional
    public Run create(Actor actor, String project, String specText) {
        long projectId = access.requireOperate(actor, project, "CREATE", null);
        RunSpec spec = parser.parse(specText);
        if (backends.find(spec.backend()).isEmpty()) {
            throw RunSpecException.of("backend", "backend '" + spec.backend() + "' is not available on this server; "
                    + "available: " + backends.names());
        }
        if (spec.replicas().max() > limits.maxReplicas()) {
            throw RunSpecException.of("replicas", "at most " + limits.maxReplicas() + " replicas per run");
        }
        limiter.checkCreate(actor.username(), projectId, limits);
        disk.requireSpaceForNewRuns();
        Instant now = clock.instant();
        try {
            Run run = runs.save(Run.submit(projectId, spec.name(), spec.type(), specText, spec.replicas().initial(),
                    actor.username(), now));
            store.setReplicasMax(run.id(), spec.replicas().max());
            runEvents.record(actor, projectId, run.id(), run.name(), "CREATED", null,
                    "replicas=" + run.desiredReplicas(), now);
            events.publishEvent(new RunChanged(project, run.name()));
            return run;
        } catch (DuplicateKeyException e) {
            throw new RunAlreadyExistsException(project, spec.name());
        }
    }

    /**
     * Sets the desired replica count.
     *
     * @param expectedVersion when given, the call fails with a conflict unless the run is still at this version
     */
    @Transactional
    public Run scale(Actor actor, String project, String name, int replicas, Long expectedVersion) {
        Run run = requireOperable(actor, project, name, "SCALE");
        if (replicas < 0 || replicas > limits.maxReplicas()) {
            throw new IllegalArgumentException("replicas must be between 0 and " + limits.maxReplicas());
        }
        // operations on one run take turns on its row: two scales without expectedVersion both succeed in order
        RunStore.Locked now = store.lock(run.id());
        if (now.status().isFinished()) {
            throw new RunStateConflictException("run '" + name + "' is " + now.status() + " and cannot be scaled");
        }
        if (now.stopRequest() != StopRequest.NONE) {
            throw new RunStateConflictException("run '" + name + "' is being stopped and cannot be scaled");
        }
        if (now.desiredReplicas() == replicas) {
            return requireRun(run.projectId(), name); // already wanted: the same answer, nothing changes
        }
        if (expectedVersion != null && expectedVersion != now.version()) {
            throw new OptimisticLockingFailureException("run '" + name + "' was changed by someone else (expected "
                    + "version " + expectedVersion + ", it is now " + now.version() + "); reload and try again");
        }
        Instant at = clock.instant();
        if (!store.updateDesiredReplicas(run.id(), now.version(), replicas, at)) {
            throw new IllegalStateException("the locked run '" + name + "' changed under its lock");
        }
        runEvents.record(actor, run.projectId(), run.id(), name, "SCALED", "replicas=" + now.desiredReplicas(),
                "replicas=" + replicas, at);
        events.publishEvent(new RunChanged(project, name));
        return requireRun(run.projectId(), name);
    }

    /**
     * Asks every replica to stop: gracefully (TERM, then KILL after the grace period) or, with abort, at once.
     * Asking again the same way (or a stop after an abort) changes nothing; an abort after a stop upgrades it.
     */
    @Transactional
    public Run stop(Actor actor, String project, String name, boolean abort) {
        Run run = requireOperable(actor, project, name, abort ? "ABORT" : "STOP");
        StopRequest wanted = abort ? StopRequest.ABORT : StopRequest.STOP;
        RunStore.Locked now = store.lock(run.id());
        if (now.status().isFinished() || now.stopRequest() == wanted || now.stopRequest() == StopRequest.ABORT) {
            return requireRun(run.projectId(), name); // already stopped or stopping at least as hard
        }
        Instant at = clock.instant();
        if (!store.requestStop(run.id(), now.version(), wanted, actor.username(), at)) {
            throw new IllegalStateException("the locked run '" + name + "' changed under its lock");
        }
        runEvents.record(actor, run.projectId(), run.id(), name, abort ? "ABORTED" : "STOPPED",
                "stop=" + now.stopRequest(), "stop=" + wanted, at);
        events.publishEvent(new RunChanged(project, name));
        return requireRun(run.projectId(), name);
    }

    /**
     * Replaces one replica with a new submission of the same replica number. Repeating the call until that
     * submission exists is the same request; once it exists, a new call restarts the replacement.
     */
    @Transactional
    public void restartReplica(Actor actor, String project, String name, int replicaNum) {
        Run run = requireOperable(actor, project, name, "RESTART");
        if (run.status().isFinished() || run.stopRequest() != StopRequest.NONE) {
            throw new RunStateConflictException("run '" + name + "' is not active; only replicas of an active run "
                    + "can be restarted");
        }
        if (replicaNum < 0 || replicaNum >= run.desiredReplicas()) {
            throw new NotFoundException("run '" + name + "' has no replica " + replicaNum + " (replicas are 0.."
                    + (run.desiredReplicas() - 1) + ")");
        }
        store.lock(run.id());
        if (store.unansweredRestart(run.id(), replicaNum).isPresent()) {
            return; // asked already and its replacement does not exist yet: the same request, not a second one
        }
        Instant now = clock.instant();
        store.requestRestart(run.id(), replicaNum, actor.username(), now);
        runEvents.record(actor, run.projectId(), run.id(), name, "REPLICA_RESTARTED", null, "replica=" + replicaNum,
                now);
        events.publishEvent(new RunChanged(project, name));
    }

    /** Deletes a finished run and, in the background, its logs and metrics (its events and bills stay). */
    @Transactional
    public void delete(Actor actor, String project, String name) {
        Run run = requireOperable(actor, project, name, "DELETE");
        if (!run.status().isFinished()) {
            throw new RunStateConflictException("run '" + name + "' is " + run.status()
                    + "; stop it and wait until it is finished before deleting it");
        }
        Instant now = clock.instant();
        store.delete(run.id(), now);
        runEvents.record(actor, run.projectId(), run.id(), name, "DELETED", run.status().name(), null, now);
        events.publishEvent(new RunChanged(project, name));
    }

    /** A refusal is audited by ProjectAccess as DENIED_<operation>. */
    private Run requireOperable(Actor actor, String project, String name, String operation) {
        long projectId = access.requireOperate(actor, project, operation, name);
        return requireRun(projectId, name);
    }

    private Run requireRun(long projectId, String name) {
        return runs.findByProjectIdAndName(projectId, name)
                .orElseThrow(() -> new NotFoundException("run '" + name + "' not found"));
    }
}
