package dev.runplane.services;

import dev.runplane.replicas.ReplicaQueries;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaQueries.ServiceReplicas;
import dev.runplane.runs.spec.RunSpec;
import dev.runplane.runs.spec.RunSpecParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads which replicas serve (the one definition of current replicas) and publishes the routing table, off the
 * event loop. Upstream objects are kept per submission so their outstanding-request counts carry over.
 */
final class ServiceRefresher {
    private static final Logger log = LoggerFactory.getLogger(ServiceRefresher.class);

    private record ParsedSpec(int version, RunSpec.ServiceOptions options) {
    }

    private final ReplicaQueries replicas;
    private final ServiceRoutes routes;
    private final ReadinessProber prober;
    private final RunSpecParser parser = new RunSpecParser();
    private final Map<Long, ParsedSpec> specs = new ConcurrentHashMap<>();
    private final Map<Long, Upstream> upstreams = new ConcurrentHashMap<>();
    private volatile Map<String, ServiceRoutes.Route> serving = Map.of();
    /**
     * Submissions the reconciler is asking to end, with when it said so. A refresh that read the database before
     * that was recorded must not put one back; ids are never reused, so entries only expire (bounded by churn).
     */
    private final Map<Long, Long> leaving = new ConcurrentHashMap<>();
    private static final long LEAVING_KEPT_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    ServiceRefresher(ReplicaQueries replicas, ServiceRoutes routes, ReadinessProber prober) {
        this.replicas = replicas;
        this.routes = routes;
        this.prober = prober;
        prober.onReadyChange(this::republish);
    }

    /** One refresh; never throws (a database hiccup keeps the last table until the next one). */
    void refresh() {
        List<ServiceReplicas> services;
        try {
            services = replicas.services();
        } catch (RuntimeException e) {
            log.warn("services endpoint: could not read the serving replicas, keeping the last known ones: {}",
                    e.toString());
            return;
        }
        Map<String, ServiceRoutes.Route> next = new HashMap<>();
        Map<Long, ReadinessProber.Target> targets = new HashMap<>();
        Map<Long, Upstream> seen = new HashMap<>();
        for (ServiceReplicas service : services) {
            RunSpec.ServiceOptions options = options(service);
            List<Upstream> list = new ArrayList<>();
            for (ReplicaRow row : service.serving()) {
                Upstream upstream = upstreams.get(row.id());
                if (upstream == null) {
                    upstream = Upstream.of(row.id(), row.replicaNum(), row.endpoint()).orElse(null);
                }
                if (upstream == null) {
                    continue;
                }
                seen.put(row.id(), upstream);
                list.add(upstream);
                targets.put(row.id(), new ReadinessProber.Target(upstream, options.probes()));
            }
            next.put(ServiceRoutes.key(service.project(), service.run()), new ServiceRoutes.Route(
                    service.projectId(), service.project(), service.runId(), service.run(), options.auth(), list));
        }
        upstreams.keySet().retainAll(seen.keySet());
        upstreams.putAll(seen);
        specs.keySet().retainAll(services.stream().map(ServiceReplicas::runId).toList());
        long now = System.nanoTime();
        leaving.values().removeIf(since -> now - since > LEAVING_KEPT_NANOS);
        serving = next;
        routes.publish(next, this::mayServe);
        prober.tick(targets);
    }

    /** Out of rotation at once, before the reconciler's signal reaches the replica (see SubmissionLeaving). */
    void leaving(long submissionId) {
        leaving.put(submissionId, System.nanoTime());
        routes.drop(submissionId);
    }

    private boolean mayServe(long submissionId) {
        return prober.isReady(submissionId) && !leaving.containsKey(submissionId);
    }

    /** Probes that are due between two refreshes. */
    void probeTick() {
        Map<Long, ReadinessProber.Target> targets = new HashMap<>();
        // rebuilt from the last table: cheap, and no database read
        serving.values().forEach(route -> route.ready().forEach(u -> {
            RunSpec.ServiceOptions options = specs.containsKey(route.runId()) ? specs.get(route.runId()).options()
                    : RunSpec.ServiceOptions.DEFAULT;
            targets.put(u.submissionId(), new ReadinessProber.Target(u, options.probes()));
        }));
        prober.tick(targets);
    }

    private void republish() {
        routes.publish(serving, this::mayServe);
    }

    private RunSpec.ServiceOptions options(ServiceReplicas service) {
        ParsedSpec parsed = specs.get(service.runId());
        if (parsed == null || parsed.version() != service.specVersion()) {
            RunSpec.ServiceOptions options;
            try {
                options = parser.parse(service.specText()).service();
            } catch (RuntimeException e) {
                options = RunSpec.ServiceOptions.DEFAULT; // members only, TCP probe: the safe reading
            }
            parsed = new ParsedSpec(service.specVersion(), options);
            specs.put(service.runId(), parsed);
        }
        return parsed.options();
    }
}
