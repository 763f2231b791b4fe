package dev.runplane.ui.base;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns any number of change notices into a bounded rate of re-reads for one view: up to {@link #BURST} refreshes
 * go out at once, after that one per {@code minInterval}; notices arriving before a scheduled refresh runs are
 * absorbed into it, and none is lost (a notice that arrives while a refresh runs schedules the next one). The timer
 * only waits; the refresh itself runs on a worker through {@code uiAccess} (the view's {@code ui.access}), so it is
 * pushed to the browser when it finishes.
 *
 * <p>Why a burst: one user action is usually two notices a few milliseconds apart (the scale call, then the
 * reconciler starting or stopping the replica), and the page refreshes on the clock every few seconds too. With a
 * strict one-per-interval rule the second of two close notices, or any notice just after a clock refresh, waited
 * up to a whole interval (the UI-freshness benchmark, docs/benchmarks.md). A storm of notices is still held to one
 * refresh per interval once the burst is spent. This is the generic cell-rate algorithm: {@code earliestNanos} is
 * when the next refresh may run if the burst were empty, and a refresh may run up to {@code BURST - 1} intervals
 * before it.
 */
public final class ViewRefresher {
    /** Refreshes allowed back to back before the interval applies. */
    static final int BURST = 3;

    private final Executor uiAccess;
    private final Runnable refresh;
    private final long minIntervalNanos;
    private final long toleranceNanos;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long earliestNanos = System.nanoTime() - Long.MAX_VALUE / 4;

    public ViewRefresher(Executor uiAccess, Duration minInterval, ScheduledExecutorService timer, Executor workers,
                         Runnable refresh) {
        this.uiAccess = uiAccess;
        this.refresh = refresh;
        this.minIntervalNanos = minInterval.toNanos();
        this.toleranceNanos = (BURST - 1) * minIntervalNanos;
        this.timer = timer;
        this.workers = workers;
    }

    public void requestRefresh() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = earliestNanos - toleranceNanos - System.nanoTime();
        if (wait <= 0) {
            workers.execute(this::refreshNow);
        } else {
            timer.schedule(() -> workers.execute(this::refreshNow), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void refreshNow() {
        // the budget is spent before the flag drops, so a notice arriving now already waits for the right time
        earliestNanos = Math.max(earliestNanos, System.nanoTime()) + minIntervalNanos;
        pending.set(false);
        uiAccess.execute(refresh);
    }
}
