package dev.runplane.services;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The in-memory table the endpoint routes by: per {@code project/run}, its access rule and its ready replicas.
 * Lookups are plain reads of an immutable snapshot (safe on event-loop threads, no locks); the refresher and the
 * prober publish new snapshots.
 */
final class ServiceRoutes {

    /** @param ready the replicas that may get requests now, in slot order */
    record Route(long projectId, String project, long runId, String run, boolean auth, List<Upstream> ready) {
        Route {
            ready = List.copyOf(ready);
        }

        Route withReady(List<Upstream> newReady) {
            return new Route(projectId, project, runId, run, auth, newReady);
        }
    }

    private volatile Map<String, Route> routes = Map.of();

    Optional<Route> find(String project, String run) {
        return Optional.ofNullable(routes.get(key(project, run)));
    }

    /**
     * Publishes the serving replicas of every service, keeping only those {@code ready} accepts. Synchronized with
     * {@link #drop} so that a refresh computed before a probe failed cannot put the replica back.
     */
    synchronized void publish(Map<String, Route> serving, java.util.function.LongPredicate ready) {
        Map<String, Route> next = new java.util.HashMap<>();
        serving.forEach((key, route) -> next.put(key, route.withReady(route.ready().stream()
                .filter(u -> ready.test(u.submissionId())).toList())));
        routes = Map.copyOf(next);
    }

    /** Takes one submission out of rotation at once (its probe failed), without waiting for the next refresh. */
    synchronized void drop(long submissionId) {
        Map<String, Route> next = new java.util.HashMap<>(routes);
        next.replaceAll((key, route) -> route.ready().stream().anyMatch(u -> u.submissionId() == submissionId)
                ? route.withReady(route.ready().stream().filter(u -> u.submissionId() != submissionId).toList())
                : route);
        routes = Map.copyOf(next);
    }

    static String key(String project, String run) {
        return project + "/" + run;
    }

    /**
     * Least outstanding requests first, ties at random (so idle replicas share the load instead of the first one
     * taking it all); replicas already tried for this request are skipped. Empty when none is left.
     */
    static Optional<Upstream> pick(List<Upstream> ready, Set<Upstream> tried) {
        Upstream best = null;
        int bestLoad = Integer.MAX_VALUE;
        int ties = 0;
        for (Upstream candidate : ready) {
            if (tried.contains(candidate)) {
                continue;
            }
            int load = candidate.outstanding();
            if (load < bestLoad) {
                best = candidate;
                bestLoad = load;
                ties = 1;
            } else if (load == bestLoad && ThreadLocalRandom.current().nextInt(++ties) == 0) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
