package dev.runplane.services;

import dev.runplane.replicas.ReplicaReadiness;
import dev.runplane.runs.spec.RunSpec.Probe;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every serving replica by its spec's probes (a TCP connect when none is given) and decides readiness.
 * A verdict that changes takes effect in the routing table at once and is written to the submission for the
 * slot's display. {@link #tick} is called by the refresher's thread; probes run on virtual threads.
 */
final class ReadinessProber {
    private static final Logger log = LoggerFactory.getLogger(ReadinessProber.class);

    /** What was last written for a submission, so an unchanged verdict costs no write. */
    private record Shown(boolean ready, String failure) {
    }

    private final ProbeRunner runner = new ProbeRunner();
    private final Map<Long, ProbeState> states = new ConcurrentHashMap<>();
    private final Map<Long, Shown> shown = new ConcurrentHashMap<>();
    private final ReplicaReadiness readiness;
    private final ServiceRoutes routes;
    private final Clock clock;
    private final ExecutorService probes;
    private final LongConsumer replace;
    private volatile Runnable republish = () -> { };

    /** @param replace asks for a replica to be replaced (it failed its probes after being ready) */
    ReadinessProber(ReplicaReadiness readiness, ServiceRoutes routes, Clock clock, ExecutorService probes,
                    LongConsumer replace) {
        this.readiness = readiness;
        this.routes = routes;
        this.clock = clock;
        this.probes = probes;
        this.replace = replace;
    }

    void onReadyChange(Runnable republishRoutes) {
        this.republish = republishRoutes;
    }

    boolean isReady(long submissionId) {
        ProbeState state = states.get(submissionId);
        return state != null && state.ready();
    }

    /** Starts the probes that are due for the serving replicas; forgets replicas that no longer serve. */
    void tick(Map<Long, Target> targets) {
        states.keySet().retainAll(targets.keySet());
        shown.keySet().retainAll(targets.keySet());
        var now = clock.instant();
        targets.forEach((id, target) -> {
            ProbeState state = states.compute(id, (k, existing) -> existing != null
                    && existing.probes().equals(target.probes()) ? existing : new ProbeState(target.probes(), now));
            for (int i = 0; i < state.probes().size(); i++) {
                if (state.claim(i, now)) {
                    int index = i;
                    probes.execute(() -> probe(id, target, state, index));
                }
            }
        });
    }

    private void probe(long id, Target target, ProbeState state, int index) {
        String failure;
        try {
            failure = runner.run(state.probes().get(index), target.upstream().host(), target.upstream().port());
        } catch (RuntimeException e) {
            failure = "probe failed: " + e;
        }
        ProbeState.Change change = state.report(index, failure, clock.instant());
        if (states.get(id) != state) {
            return; // the replica stopped serving meanwhile
        }
        if (!state.ready()) {
            routes.drop(id);
        } else if (change == ProbeState.Change.BECAME_READY) {
            republish.run();
        }
        Shown now = new Shown(state.ready(), state.lastFailure());
        if (!now.equals(shown.put(id, now))) {
            try {
                readiness.record(id, now.ready(), now.failure());
            } catch (RuntimeException e) {
                shown.remove(id); // written again at the next result
                log.warn("could not record the readiness of submission {}: {}", id, e.toString());
            }
        }
        if (change == ProbeState.Change.REPLACE) {
            log.info("{} failed {} probes in a row after being ready: replacing it", target.upstream(),
                    state.probes().get(index).failureThreshold());
            replace.accept(id);
        }
    }

    /** One serving replica and the probes its spec asks for. */
    record Target(Upstream upstream, List<Probe> probes) {
        Target {
            Objects.requireNonNull(upstream);
            probes = List.copyOf(probes);
        }
    }
}
