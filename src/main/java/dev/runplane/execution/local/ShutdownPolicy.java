package dev.runplane.execution.local;

import dev.runplane.base.RunplaneProperties;
import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.execution.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a normal shutdown does to local replicas. By default nothing: they keep running and the next start
 * re-adopts them. With {@code runplane.local.stop-replicas-on-shutdown=true} every local replica gets SIGTERM; the
 * next start then finds them exited (143) and applies their retry policy.
 */
@Component
class ShutdownPolicy implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ShutdownPolicy.class);

    private final JdbcClient jdbc;
    private final BackendRegistry backends;
    private final boolean stopReplicas;
    private volatile boolean running;

    ShutdownPolicy(JdbcClient jdbc, BackendRegistry backends, RunplaneProperties properties) {
        this.jdbc = jdbc;
        this.backends = backends;
        this.stopReplicas = properties.local().stopReplicasOnShutdown();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!stopReplicas) {
            return;
        }
        backends.find("local").ifPresent(local -> {
            var handles = jdbc.sql("SELECT backend_handle FROM replica_submission WHERE backend = 'local' "
                    + "AND backend_handle IS NOT NULL AND status IN ('PROVISIONING', 'RUNNING', 'TERMINATING')")
                    .query(String.class).list();
            log.info("Stopping {} local replicas on shutdown (runplane.local.stop-replicas-on-shutdown)",
                    handles.size());
            handles.forEach(handle -> local.signal(new BackendHandle(handle), StopSignal.TERM));
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the reconcile loop (higher phases stop first), before the data source goes away
        return Integer.MAX_VALUE - 2000;
    }
}
