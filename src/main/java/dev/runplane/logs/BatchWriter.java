package dev.runplane.logs;

import dev.runplane.logs.IngestStore.Progress;
import dev.runplane.logs.IngestStore.Row;
import dev.runplane.logs.IngestStore.Target;
import java.time.Duration;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one replica's batch: its lines and its progress (offsets) in one transaction, so a crash neither loses nor
 * repeats a line. Safe to call from several ingest workers: {@link LineIds} gives each batch its ids and lets the
 * batches commit in id order.
 */
final class BatchWriter {
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(10);

    private final IngestStore store;
    private final TransactionTemplate tx;
    private final LineIds ids;

    BatchWriter(IngestStore store, TransactionTemplate tx) {
        this.store = store;
        this.tx = tx;
        this.ids = new LineIds(store::maxLineId);
    }

    /** @return the id of the first line (the others follow one by one); 0 when there are none */
    long write(Target target, List<Row> rows, Progress progress, boolean progressExists) {
        if (rows.isEmpty()) {
            tx.executeWithoutResult(status -> store.saveProgress(target.submissionId(), progress, progressExists));
            return 0;
        }
        long firstId = ids.reserve(rows.size());
        try {
            tx.executeWithoutResult(status -> {
                store.insert(target, rows, firstId);
                store.saveProgress(target.submissionId(), progress, progressExists);
                // inserts ran in parallel; the commit that follows waits for every batch with lower ids
                awaitTurn(firstId);
            });
        } finally {
            ids.release(firstId);
        }
        return firstId;
    }

    /** After a failed batch (possibly a clash with ids inserted by something else). */
    void resync() {
        ids.resync();
    }

    private void awaitTurn(long firstId) {
        try {
            if (!ids.awaitTurn(firstId, TURN_TIMEOUT)) {
                // should not happen (workers touch disjoint rows); if it does, rolling back unblocks the others
                throw new IllegalStateException("waited more than " + TURN_TIMEOUT + " for earlier log batches");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting to commit", e);
        }
    }
}
