package dev.runplane.ui.base;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns any number of change notices into at most one re-read per {@code minInterval} for one view: the first
 * notice schedules a refresh, later ones before it runs are absorbed, and none is lost (a notice that arrives while
 * a refresh runs schedules the next one). The timer only waits; the refresh itself runs on a worker through
 * {@code uiAccess} (the view's {@code ui.access}), so it is pushed to the browser when it finishes.
 */
public final class ViewRefresher {
    private final Executor uiAccess;
    private final Runnable refresh;
    private final long minIntervalNanos;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastRefreshNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public ViewRefresher(Executor uiAccess, Duration minInterval, ScheduledExecutorService timer, Executor workers,
                         Runnable refresh) {
        this.uiAccess = uiAccess;
        this.refresh = refresh;
        this.minIntervalNanos = minInterval.toNanos();
        this.timer = timer;
        this.workers = workers;
    }

    public void requestRefresh() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastRefreshNanos + minIntervalNanos - System.nanoTime();
        if (wait <= 0) {
            workers.execute(this::refreshNow);
        } else {
            timer.schedule(() -> workers.execute(this::refreshNow), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void refreshNow() {
        pending.set(false);
        lastRefreshNanos = System.nanoTime();
        uiAccess.execute(refresh);
    }
}
