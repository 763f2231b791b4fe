package dev.runplane.logs;

/**
 * Hands out log line ids (the read cursor) to the ingestor, which is the only writer of {@code log_line}.
 * <p>
 * Why the ingestor assigns ids instead of letting {@code AUTO_INCREMENT} do it: after a batched insert it would have
 * to read the generated ids back (one more round trip and index range read per batch) to hand the lines to the live
 * tail, and it could not know the ids before the insert. Ids come from {@code MAX(id) + 1} and then from memory; if
 * anything else inserted lines meanwhile, the insert fails on the primary key, the caller calls {@link #forget} and the
 * next batch starts from the database again. Ids of a rolled-back batch are simply skipped: cursors need increasing
 * ids, not gap-free ones. Not thread-safe: one ingestor thread owns it.
 */
final class LineIds {
    private final IngestStore store;
    private long next = -1;

    LineIds(IngestStore store) {
        this.store = store;
    }

    /** @return the first of {@code count} consecutive ids reserved for one batch */
    long take(int count) {
        if (next < 0) {
            next = store.maxLineId() + 1;
        }
        long first = next;
        next += count;
        return first;
    }

    /** After a failed batch: the next {@link #take} asks the database again. */
    void forget() {
        next = -1;
    }
}
