package dev.runplane.ui.base;

import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns any number of change notices into at most one re-read per {@code minInterval} for one view: the first
 * notice schedules a refresh, later ones before it runs are absorbed. The refresh runs under {@code ui.access}, so
 * it is pushed to the browser when it finishes.
 */
public final class ViewRefresher {
    private final UI ui;
    private final Runnable refresh;
    private final long minIntervalNanos;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastRefreshNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public ViewRefresher(UI ui, Duration minInterval, ScheduledExecutorService scheduler, Runnable refresh) {
        this.ui = ui;
        this.refresh = refresh;
        this.minIntervalNanos = minInterval.toNanos();
        this.scheduler = scheduler;
    }

    public void requestRefresh() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(0, lastRefreshNanos + minIntervalNanos - System.nanoTime());
        scheduler.schedule(this::refreshNow, wait, TimeUnit.NANOSECONDS);
    }

    private void refreshNow() {
        pending.set(false);
        lastRefreshNanos = System.nanoTime();
        if (ui.isAttached()) {
            ui.access(refresh::run);
        }
    }
}
