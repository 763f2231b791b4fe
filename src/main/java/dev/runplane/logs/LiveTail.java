package dev.runplane.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The last lines of each replica submission in memory, for live viewers. Bounded per submission; listeners are
 * called on an ingestor thread after the lines were committed and must only hand them off (never block).
 */
@Component
public class LiveTail {
    private final int capacity;
    private final Map<Long, Deque<LogLine>> tails = new ConcurrentHashMap<>();
    private final Map<Long, Set<Consumer<List<LogLine>>>> listeners = new ConcurrentHashMap<>();

    LiveTail(LogProperties properties) {
        this.capacity = properties.tailLines();
    }

    /** Subscribes to new lines of one submission; returns a handle that unsubscribes. */
    public Runnable subscribe(long submissionId, Consumer<List<LogLine>> listener) {
        listeners.computeIfAbsent(submissionId, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> {
            Set<Consumer<List<LogLine>>> set = listeners.get(submissionId);
            if (set != null) {
                set.remove(listener);
            }
        };
    }

    /** The lines currently in memory for a submission, oldest first. */
    public List<LogLine> snapshot(long submissionId) {
        Deque<LogLine> tail = tails.get(submissionId);
        if (tail == null) {
            return List.of();
        }
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    void append(long submissionId, List<LogLine> lines) {
        Deque<LogLine> tail = tails.computeIfAbsent(submissionId, k -> new ArrayDeque<>());
        synchronized (tail) {
            for (LogLine line : lines) {
                if (tail.size() == capacity) {
                    tail.pollFirst();
                }
                tail.addLast(line);
            }
        }
        Set<Consumer<List<LogLine>>> set = listeners.get(submissionId);
        if (set != null) {
            List<LogLine> copy = List.copyOf(lines);
            set.forEach(listener -> listener.accept(copy));
        }
    }

    /** Frees the memory of a submission whose output is completely ingested. */
    void release(long submissionId) {
        tails.remove(submissionId);
    }
}
