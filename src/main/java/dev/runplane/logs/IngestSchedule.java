package dev.runplane.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Which replicas one ingestion pass visits: every quiet one (it had nothing more to read last time), and only a few
 * backlogged ones, taken in turn.
 * <p>
 * Why: a line waits for the next visit of its replica, so freshness is about one pass long. If every pass read a big
 * chunk from every flooding replica, a pass would take long and a quiet replica's lines would wait behind 20 floods.
 * Visiting a few backlogged replicas per pass keeps passes short, so quiet replicas are visited often, while the
 * backlogged ones still get big batches (fewer, larger inserts and commits) and, together, all of the ingest
 * threads' time. Not thread-safe: the loop thread plans each pass before handing it to the workers.
 */
final class IngestSchedule {
    private final int backloggedPerPass;
    /** Per worker partition: the key of the backlogged replica visited last, to continue after it. */
    private final Map<Integer, Long> lastBacklogged = new HashMap<>();

    IngestSchedule(int backloggedPerPass) {
        this.backloggedPerPass = Math.max(1, backloggedPerPass);
    }

    /** @return the items of one partition to visit in this pass: quiet ones first, then backlogged ones in turn */
    <T> List<T> pick(int partition, List<T> items, ToLongFunction<T> key, Predicate<T> backlogged) {
        List<T> visit = new ArrayList<>();
        List<T> waiting = new ArrayList<>();
        for (T item : items) {
            (backlogged.test(item) ? waiting : visit).add(item);
        }
        if (waiting.isEmpty()) {
            return visit;
        }
        waiting.sort(Comparator.comparingLong(key));
        long last = lastBacklogged.getOrDefault(partition, Long.MIN_VALUE);
        int start = 0;
        while (start < waiting.size() && key.applyAsLong(waiting.get(start)) <= last) {
            start++;
        }
        for (int i = 0; i < Math.min(backloggedPerPass, waiting.size()); i++) {
            T next = waiting.get((start + i) % waiting.size());
            visit.add(next);
            lastBacklogged.put(partition, key.applyAsLong(next));
        }
        return visit;
    }
}
