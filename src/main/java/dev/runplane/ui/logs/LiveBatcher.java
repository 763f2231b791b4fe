package dev.runplane.ui.logs;

import dev.runplane.logs.LogLine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Coalesces live lines for one panel: lines arrive on ingestor threads at any rate and leave in batches, at most
 * one per {@code minInterval} (4 a second by default). Between two batches only the newest {@code maxPending}
 * lines are kept; the others are counted as skipped. A new {@link #reset epoch} starts whenever the panel follows
 * something else, so lines of an old subscription never reach the new view.
 */
final class LiveBatcher {

    /** Runs a task after a delay on some timer thread. */
    interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    record Batch(long epoch, List<LogLine> lines, long skipped) {
    }

    private final long minIntervalNanos;
    private final int maxPending;
    private final LongSupplier nanoTime;
    private final Scheduler scheduler;
    private final Consumer<Batch> sink;
    private final ArrayDeque<LogLine> pending = new ArrayDeque<>();
    private long epoch;
    private long skipped;
    private boolean scheduled;
    private long lastFlush;

    LiveBatcher(Duration minInterval, int maxPending, LongSupplier nanoTime, Scheduler scheduler,
                Consumer<Batch> sink) {
        this.minIntervalNanos = minInterval.toNanos();
        this.maxPending = Math.max(1, maxPending);
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
        this.sink = sink;
        this.lastFlush = nanoTime.getAsLong() - minIntervalNanos;
    }

    /** Forgets pending lines and starts a new epoch; offers and batches of older epochs are ignored from now on. */
    synchronized long reset() {
        pending.clear();
        skipped = 0;
        return ++epoch;
    }

    synchronized long epoch() {
        return epoch;
    }

    /** Called on any thread; never blocks for long. */
    void offer(long forEpoch, List<LogLine> lines) {
        long delay;
        synchronized (this) {
            if (forEpoch != epoch || lines.isEmpty()) {
                return;
            }
            for (LogLine line : lines) {
                if (pending.size() == maxPending) {
                    pending.pollFirst();
                    skipped++;
                }
                pending.addLast(line);
            }
            if (scheduled) {
                return;
            }
            scheduled = true;
            delay = Math.max(0, lastFlush + minIntervalNanos - nanoTime.getAsLong());
        }
        scheduler.schedule(this::flush, delay);
    }

    void flush() {
        Batch batch;
        synchronized (this) {
            scheduled = false;
            if (pending.isEmpty()) {
                return;
            }
            lastFlush = nanoTime.getAsLong();
            batch = new Batch(epoch, List.copyOf(pending), skipped);
            pending.clear();
            skipped = 0;
        }
        sink.accept(batch);
    }
}
