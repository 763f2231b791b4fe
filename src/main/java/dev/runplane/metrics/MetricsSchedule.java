package dev.runplane.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The trigger of the metrics jobs: one thread of its own runs a sampling pass every interval and the retention job
 * every minute. A thread of its own, not the shared {@code @Scheduled} one, so that a slow pass delays no other
 * job. Both jobs survive any exception: a failed pass is logged and the next one runs on time.
 */
@Component
class MetricsSchedule implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MetricsSchedule.class);
    private static final Duration RETENTION_EVERY = Duration.ofMinutes(1);

    private final MetricsSampler sampler;
    private final MetricsRetention retention;
    private final MetricsProperties settings;
    private volatile ScheduledExecutorService executor;
    private boolean samplingFailing;
    private boolean retentionFailing;

    MetricsSchedule(MetricsSampler sampler, MetricsRetention retention, MetricsProperties settings) {
        this.sampler = sampler;
        this.retention = retention;
        this.settings = settings;
    }

    private void sample() {
        try {
            sampler.sampleOnce();
            samplingFailing = false;
        } catch (RuntimeException | Error e) {
            samplingFailing = logFailure("Metrics sampling", samplingFailing, e);
        }
    }

    private void retain() {
        try {
            retention.runOnce();
            retentionFailing = false;
        } catch (RuntimeException | Error e) {
            retentionFailing = logFailure("Metrics retention", retentionFailing, e);
        }
    }

    /** The stack trace once per streak of failures (the database may be away for a while), a line after that. */
    private static boolean logFailure(String job, boolean alreadyFailing, Throwable e) {
        if (alreadyFailing) {
            log.warn("{} failed again: {}", job, e.toString());
        } else {
            log.warn("{} failed; it runs again at its next turn", job, e);
        }
        return true;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Metrics sampling disabled (runplane.metrics.enabled=false)");
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("metrics").daemon(true).factory());
        long interval = settings.interval().toMillis();
        started.scheduleWithFixedDelay(this::sample, interval, interval, TimeUnit.MILLISECONDS);
        started.scheduleWithFixedDelay(this::retain, Duration.ofSeconds(10).toMillis(), RETENTION_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // start after the data source and web server, stop before them (like the reconciler)
        return Integer.MAX_VALUE - 1000;
    }
}
