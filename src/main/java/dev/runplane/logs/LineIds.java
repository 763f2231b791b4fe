package dev.runplane.logs;

import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Hands out log line ids (the read cursor) to the ingest workers, and makes their batches commit in id order.
 * <p>
 * Why the ingestor assigns ids instead of {@code AUTO_INCREMENT}: after a batched insert it would have to read the
 * generated ids back (one more round trip and index read per batch) to hand the lines to the live tail. Ids start at
 * {@code MAX(id) + 1} and then come from memory; if something else inserted lines meanwhile, an insert fails on the
 * primary key, the worker calls {@link #resync} and its next batch starts above whatever the table holds. Ids of a
 * rolled-back batch are skipped: cursors need increasing ids, not gap-free ones.
 * <p>
 * Why the commit order: readers follow {@code id > cursor}. If a batch with higher ids became visible before one with
 * lower ids, a reader could move its cursor past the lower batch and never see it. So workers insert in parallel but
 * commit one after another, in the order of their ids ({@link #awaitTurn} just before commit, {@link #release} after).
 */
final class LineIds {
    private final LongSupplier maxLineId;
    private final TreeSet<Long> uncommitted = new TreeSet<>();
    private long next = -1;
    private boolean resync;

    /** @param maxLineId the largest id in {@code log_line} (0 when empty) */
    LineIds(LongSupplier maxLineId) {
        this.maxLineId = maxLineId;
    }

    /** @return the first of {@code count} consecutive ids for one batch; call {@link #release} with it in finally */
    synchronized long reserve(int count) {
        if (next < 0 || resync) {
            // never below an id already handed out: a batch of another worker may still be uncommitted
            next = Math.max(next, maxLineId.getAsLong() + 1);
            resync = false;
        }
        long first = next;
        next += Math.max(count, 1);
        uncommitted.add(first);
        return first;
    }

    /** Blocks until every batch with lower ids is committed or given up; @return false on timeout */
    synchronized boolean awaitTurn(long first, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (uncommitted.first() != first) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The batch starting at {@code first} is committed or rolled back. */
    synchronized void release(long first) {
        uncommitted.remove(first);
        notifyAll();
    }

    /** After a failed batch: the next {@link #reserve} also looks at the table. */
    synchronized void resync() {
        resync = true;
    }
}
