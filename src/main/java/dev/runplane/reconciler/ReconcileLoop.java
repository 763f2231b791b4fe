package dev.runplane.reconciler;

import dev.runplane.base.RunplaneProperties;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.runs.RunChanged;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The trigger: one thread runs passes back to back while they change something, otherwise waits for a wake-up
 * (every committed change to a run, or a backend that saw a job begin) or the tick. It survives any exception: a failed pass is logged and retried
 * with a short back-off. One thread per node means a run is never reconciled twice at once on a node; leases make
 * that true across nodes.
 */
@Component
class ReconcileLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);
    private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(10);

    private final RunReconciler reconciler;
    private final RunplaneProperties.Reconciler settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean firstPassDone;
    private Thread thread;

    ReconcileLoop(RunReconciler reconciler, RunplaneProperties properties, BackendRegistry backends) {
        this.reconciler = reconciler;
        this.settings = properties.reconciler();
        // a Slurm job seen beginning is recorded RUNNING now, not at the next tick (on average tick / 2 later)
        backends.all().forEach(backend -> backend.onObservedChange(this::wake));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunChanged change) {
        wake();
    }

    void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                boolean changed = reconciler.pass();
                firstPassDone = true;
                backoff = Duration.ofMillis(200);
                if (!changed) {
                    await(settings.tick());
                }
            } catch (RuntimeException | Error e) {
                log.warn("Reconciler pass failed (database away?); next try in {}", backoff, e);
                await(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_ERROR_BACKOFF) > 0 ? MAX_ERROR_BACKOFF
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void await(Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!woken && running && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * True once one pass went through (every replica this node leases was observed and re-adopted), or when the
     * reconciler is off. Until then the readiness probe says OUT_OF_SERVICE: a replica that ended while the server
     * was down must not read RUNNING from a server that calls itself ready.
     */
    boolean firstPassDone() {
        return firstPassDone || !settings.enabled();
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Reconciler disabled (runplane.reconciler.enabled=false)");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("reconciler").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after the web server and data source, stop before them
        return Integer.MAX_VALUE - 1000;
    }
}
