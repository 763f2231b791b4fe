package dev.runplane.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs ingestion passes on one thread (one writer keeps log ids in ingestion order): again at once while there is
 * output, otherwise every {@code runplane.logs.interval}. Survives any exception. Also applies retention hourly.
 */
@Component
class LogIngestLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LogIngestLoop.class);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);

    private final LogIngestor ingestor;
    private final IngestStore store;
    private final LogProperties settings;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;
    private Instant lastRetention = Instant.EPOCH;

    LogIngestLoop(LogIngestor ingestor, IngestStore store, LogProperties settings, Clock clock) {
        this.ingestor = ingestor;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    private void loop() {
        long backoffMillis = 200;
        while (running) {
            try {
                int stored = ingestor.pass();
                applyRetention();
                backoffMillis = 200;
                if (stored == 0) {
                    Thread.sleep(settings.interval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.warn("Log ingestion pass failed (database away?); next try in {} ms", backoffMillis, e);
                sleepQuietly(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    private void applyRetention() {
        Instant now = clock.instant();
        if (Duration.between(lastRetention, now).compareTo(RETENTION_EVERY) < 0) {
            return;
        }
        lastRetention = now;
        int deleted = store.deleteOlderThan(now.minus(settings.retention()));
        if (deleted > 0) {
            log.info("Deleted {} log lines older than the retention of {}", deleted, settings.retention());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("log-ingestor").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
