package dev.runplane.reconciler;

import dev.runplane.billing.PriceCatalogue;
import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.LaunchDeferredException;
import dev.runplane.execution.LaunchFailedException;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.reconciler.ReconcileStore.RunRecord;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunType;
import dev.runplane.runs.spec.RunSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Launching one submission: the row is written before the backend is asked (so a crash in between is seen as a
 * submission without a handle, and launched again with the same id — the local backend is idempotent per id).
 */
@Component
class ReplicaLauncherStep {
    private final ReconcileStore store;
    private final BackendRegistry backends;
    private final PriceCatalogue prices;

    ReplicaLauncherStep(ReconcileStore store, BackendRegistry backends, PriceCatalogue prices) {
        this.store = store;
        this.backends = backends;
        this.prices = prices;
    }

    boolean launchNew(RunRecord run, RunSpec spec, int replicaNum, int submissionNum, Instant now) {
        if (!store.stillWanted(run.id(), replicaNum)) {
            return false;
        }
        long id = store.insertSubmission(run.id(), replicaNum, submissionNum, spec.backend(),
                price(run, spec, replicaNum, submissionNum), now);
        if (id < 0) {
            return false;
        }
        launch(id, run, spec, replicaNum, submissionNum, now);
        return true;
    }

    boolean launchExisting(RunRecord run, RunSpec spec, Attempt attempt, Instant now) {
        if (!store.stillWanted(run.id(), attempt.replicaNum())) {
            return false;
        }
        return launch(attempt.id(), run, spec, attempt.replicaNum(), attempt.submissionNum(), now);
    }

    private boolean launch(long id, RunRecord run, RunSpec spec, int replicaNum, int submissionNum, Instant now) {
        Optional<ExecutionBackend> backend = backends.find(spec.backend());
        if (backend.isEmpty()) {
            return store.finish(id, ReplicaStatus.SUBMITTED, ReplicaStatus.FAILED, TerminationReason.FAILED_TO_START,
                    null, "backend '" + spec.backend() + "' is not available on this server (available: "
                            + backends.names() + ")", now);
        }
        Optional<String> wait = backend.get().capacityWait(store.activeLaunchedOn(spec.backend()));
        if (wait.isPresent()) {
            store.setMessage(id, wait.get());
            return false;
        }
        try {
            BackendHandle handle = backend.get().launch(request(id, run, spec, replicaNum, submissionNum));
            return store.launched(id, handle.value(), backend.get().hostAtLaunch(handle).orElse(null),
                    backend.get().backendId(handle), backend.get().endpoint(handle).orElse(null));
        } catch (LaunchDeferredException e) {
            store.setMessage(id, e.getMessage());
            return false;
        } catch (LaunchFailedException e) {
            return store.finish(id, ReplicaStatus.SUBMITTED, ReplicaStatus.FAILED, TerminationReason.FAILED_TO_START,
                    null, e.getMessage() == null ? "the replica could not be started" : e.getMessage(), now);
        }
    }

    static LaunchRequest request(long id, RunRecord run, RunSpec spec, int replicaNum, int submissionNum) {
        RunSpec.Resources r = spec.resources();
        return new LaunchRequest(id, run.project(), run.name(), replicaNum, submissionNum, spec.commands(),
                environment(run, spec, replicaNum), spec.workingDir(),
                new LaunchRequest.Resources(r.cpu(), r.memoryBytes(), r.gpu()), spec.maxDuration(),
                spec.backendOptions(), run.type() == RunType.SERVICE);
    }

    /** The backend's own price when it has one (Slurm prices per partition), else the catalogue's. */
    private java.math.BigDecimal price(RunRecord run, RunSpec spec, int replicaNum, int submissionNum) {
        return backends.find(spec.backend())
                .flatMap(b -> b.pricePerHour(request(-1, run, spec, replicaNum, submissionNum)))
                .orElseGet(() -> prices.pricePerHour(spec.backend(), spec.resources()));
    }

    /**
     * The spec's env plus Runplane's own variables, which always win (reserved names are refused in specs).
     * {@code PORT = port + replica} is only for backends that do not pick ports themselves (Slurm); the local
     * backend replaces it with a free port of its own range.
     */
    static Map<String, String> environment(RunRecord run, RunSpec spec, int replicaNum) {
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("RUNPLANE_PROJECT", run.project());
        env.put("RUNPLANE_RUN", run.name());
        env.put("RUNPLANE_REPLICA", Integer.toString(replicaNum));
        env.put("RUNPLANE_REPLICAS", Integer.toString(run.desiredReplicas()));
        if (run.type() == RunType.SERVICE && spec.port() != null) {
            env.put("PORT", Integer.toString(spec.port() + replicaNum));
        }
        return env;
    }

}
