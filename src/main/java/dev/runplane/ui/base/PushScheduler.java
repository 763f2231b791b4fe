package dev.runplane.ui.base;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.stereotype.Component;

/** The one timer thread that paces pushes for every open view. */
@Component
public class PushScheduler {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "push-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    public ScheduledExecutorService executor() {
        return executor;
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
