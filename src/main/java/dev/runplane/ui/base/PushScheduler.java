package dev.runplane.ui.base;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Paces and runs the pushes of every open view. One timer thread only decides <em>when</em>; a few worker threads
 * do the refreshes, so twenty views of one run are re-rendered and pushed a few at a time instead of one after
 * another behind the slowest (each refresh mostly waits: on its access check, on the session lock, on the socket).
 * The pool is small and fixed so that a burst of changes can never take every database connection.
 */
@Component
public class PushScheduler {
    static final int WORKERS = 4;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("push-timer"));
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, named("push-worker"));

    public ScheduledExecutorService timer() {
        return timer;
    }

    public Executor workers() {
        return workers;
    }

    @PreDestroy
    void shutdown() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
