package dev.runplane.services;

import dev.runplane.replicas.SubmissionLeaving;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * The services endpoint's listener and its refresh loop. The listener is its own origin (its own port), so a
 * replica's pages never run on the portal's origin.
 */
public class ServicesEndpoint implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServicesEndpoint.class);
    /** How often due probes are started between two refreshes. */
    static final Duration PROBE_TICK = Duration.ofMillis(100);

    private final int configuredPort;
    private final Duration refreshInterval;
    private final ServiceRoutes routes;
    private final ServiceGate gate;
    private final ServiceRefresher refresher;
    private volatile ServicesListener server;
    private ScheduledExecutorService loop;

    ServicesEndpoint(int port, Duration refreshInterval, ServiceRoutes routes, ServiceGate gate,
                     ServiceRefresher refresher) {
        this.configuredPort = port;
        this.refreshInterval = refreshInterval;
        this.routes = routes;
        this.gate = gate;
        this.refresher = refresher;
    }

    /** The port it listens on (the configured one, or the one drawn for port 0). */
    public int port() {
        ServicesListener s = server;
        if (s == null) {
            throw new IllegalStateException("the services endpoint is not running");
        }
        return s.port();
    }

    /** A submission about to be signalled leaves rotation now, not at the next refresh. */
    @EventListener
    void on(SubmissionLeaving leaving) {
        refresher.leaving(leaving.submissionId());
    }

    @Override
    public synchronized void start() {
        loop = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("services-refresh").daemon()
                .factory());
        // the first table is there before the first request can come
        refresher.refresh();
        loop.scheduleWithFixedDelay(guarded(refresher::refresh), refreshInterval.toMillis(),
                refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(guarded(refresher::probeTick), PROBE_TICK.toMillis(), PROBE_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        server = ServicesListener.bind(configuredPort, routes, gate);
        log.info("services endpoint listening on port {}", port());
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("services endpoint: {}", e.toString(), e);
            }
        };
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
