package dev.runplane.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Runs the targets of one ingestion pass on several threads, partitioned by a key (the submission), and returns when
 * all are done. One submission is always handled by one thread within a pass, and passes do not overlap, so each
 * submission's lines and offsets still advance strictly in order.
 * <p>
 * Why threads at all: with one thread, the ingestor and the database take turns (decode and sanitise, then wait for
 * the insert, then decode again), so together they keep about one core busy. With two, one thread decodes while the
 * other's batch is being inserted, and the database inserts two batches at once: ~20 % more lines per second on an
 * otherwise idle two-core machine (docs/benchmarks.md). {@link LineIds} keeps commits in id order.
 */
final class IngestWorkers implements AutoCloseable {
    private final int count;
    private final ExecutorService pool;

    /** @param count threads per pass, the calling thread included */
    IngestWorkers(int count) {
        this.count = Math.max(1, count);
        AtomicInteger n = new AtomicInteger();
        this.pool = this.count == 1 ? null : Executors.newFixedThreadPool(this.count - 1,
                r -> Thread.ofPlatform().name("log-ingestor-" + n.incrementAndGet()).daemon(true).unstarted(r));
    }

    /** Splits items into one list per thread by key; an item's key always lands in the same list. */
    <T> List<List<T>> partition(List<T> items, ToLongFunction<T> key) {
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new ArrayList<>());
        }
        for (T item : items) {
            parts.get((int) Math.floorMod(key.applyAsLong(item), (long) count)).add(item);
        }
        return parts;
    }

    /**
     * Runs each list on its own thread (the first on the calling one) and waits for all.
     *
     * @param parts from {@link #partition}
     * @return the sum of {@code work} over all items
     */
    <T> int run(List<List<T>> parts, ToIntFunction<T> work) throws InterruptedException {
        List<Future<Integer>> others = new ArrayList<>();
        for (List<T> part : parts.subList(1, parts.size())) {
            if (!part.isEmpty()) {
                others.add(pool.submit(() -> runAll(part, work)));
            }
        }
        int total = runAll(parts.getFirst(), work);
        try {
            for (Future<Integer> other : others) {
                total += other.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            others.forEach(f -> f.cancel(true));
        }
        return total;
    }

    private static <T> int runAll(List<T> items, ToIntFunction<T> work) {
        int total = 0;
        for (T item : items) {
            total += work.applyAsInt(item);
        }
        return total;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
