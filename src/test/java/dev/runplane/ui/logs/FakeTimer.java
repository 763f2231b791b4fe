package dev.runplane.ui.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a timer that tests move by hand. */
final class FakeTimer implements LiveBatcher.Scheduler {
    private record Task(long due, Runnable task) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_000_000_000L;

    long nanoTime() {
        return now;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        tasks.add(new Task(now + delayNanos, task));
    }

    /** Moves the clock forward, running every task that falls due, in time order. */
    void advanceMillis(long millis) {
        long end = now + millis * 1_000_000L;
        while (true) {
            Task next = tasks.stream().filter(t -> t.due() <= end).min(Comparator.comparingLong(Task::due))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due());
            next.task().run();
        }
        now = end;
    }

    int pending() {
        return tasks.size();
    }
}
