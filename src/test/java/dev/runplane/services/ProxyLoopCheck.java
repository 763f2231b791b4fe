package dev.runplane.services;

import java.util.List;
import java.util.Map;

/**
 * A manual check, not run by any build: the proxy alone (no Spring, no database) in front of an upstream given as
 * {@code host:port}, on port 24778, with the routing table fixed. For finding where proxy time goes with wrk.
 */
final class ProxyLoopCheck {
    public static void main(String[] args) throws Exception {
        ServiceRoutes routes = new ServiceRoutes();
        Upstream upstream = Upstream.of(1, 0, args.length > 0 ? args[0] : "127.0.0.1:24777").orElseThrow();
        routes.publish(Map.of("p/r", new ServiceRoutes.Route(1, "p", 1, "r", false, List.of(upstream))), id -> true);
        ServiceGate gate = new ServiceGate(null, new OpenTickets(java.time.Clock.systemUTC()),
                java.time.Duration.ofMinutes(10));
        ServicesListener.bind(24778, routes, gate);
        Thread.currentThread().join(); // until interrupted (Ctrl-C)
    }
}
