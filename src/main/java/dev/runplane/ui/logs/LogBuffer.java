package dev.runplane.ui.logs;

import dev.runplane.logs.LogLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The lines a log panel holds, in cursor order (the merged order of all replicas), without duplicates and never
 * more than {@code capacity}. Confined to the UI thread.
 */
final class LogBuffer {
    private static final Comparator<LogLine> BY_ID = Comparator.comparingLong(LogLine::id);

    private final int capacity;
    private final ArrayList<LogLine> lines = new ArrayList<>();
    private final List<LogLine> view = Collections.unmodifiableList(lines);

    LogBuffer(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** A live, read-only view: it changes as the buffer does. */
    List<LogLine> lines() {
        return view;
    }

    int size() {
        return lines.size();
    }

    int capacity() {
        return capacity;
    }

    Long firstId() {
        return lines.isEmpty() ? null : lines.getFirst().id();
    }

    Long lastId() {
        return lines.isEmpty() ? null : lines.getLast().id();
    }

    /** Replaces everything; keeps the newest lines when there are more than fit. */
    void replace(List<LogLine> page) {
        lines.clear();
        addNewer(page);
    }

    /**
     * Merges newer lines in (from any replica, in any order); lines already held are skipped.
     *
     * @return how many of the oldest lines were dropped to stay within capacity
     */
    int addNewer(List<LogLine> newer) {
        List<LogLine> sorted = new ArrayList<>(newer);
        sorted.sort(BY_ID);
        for (LogLine line : sorted) {
            if (lines.isEmpty() || line.id() > lines.getLast().id()) {
                lines.add(line);
            } else {
                int at = Collections.binarySearch(lines, line, BY_ID);
                if (at < 0) {
                    lines.add(-at - 1, line);
                }
            }
        }
        int excess = lines.size() - capacity;
        if (excess > 0) {
            lines.subList(0, excess).clear();
            return excess;
        }
        return 0;
    }

    /**
     * Puts older lines in front. When that goes beyond capacity, the newest lines are dropped: the reader asked
     * for the past.
     *
     * @return how many lines were added in front
     */
    int addOlder(List<LogLine> older) {
        Long first = firstId();
        List<LogLine> front = older.stream().filter(l -> first == null || l.id() < first).sorted(BY_ID).toList();
        List<LogLine> distinct = new ArrayList<>(front.size());
        for (LogLine line : front) {
            if (distinct.isEmpty() || distinct.getLast().id() != line.id()) {
                distinct.add(line);
            }
        }
        if (distinct.size() > capacity) {
            distinct = distinct.subList(distinct.size() - capacity, distinct.size());
        }
        lines.addAll(0, distinct);
        int excess = lines.size() - capacity;
        if (excess > 0) {
            lines.subList(lines.size() - excess, lines.size()).clear();
        }
        return distinct.size();
    }

    /** Drops the held lines that {@code gone} matches. */
    void removeIf(Predicate<LogLine> gone) {
        lines.removeIf(gone);
    }

    void clear() {
        lines.clear();
    }
}
