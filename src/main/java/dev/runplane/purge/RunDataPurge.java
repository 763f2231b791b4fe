package dev.runplane.purge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works through {@code run_data_purge} every few seconds: for each queued submission deletes its log lines, metric
 * samples and minute rows one batch at a time, then its log progress. A submission stays queued for a quiet period
 * after it was queued and is swept again meanwhile, so lines of an ingest batch that was in flight when the run was
 * deleted are removed too. One pass spends at most {@link #PASS_BUDGET} deleting, so a huge run is removed over
 * several passes and never monopolises the database. Hourly (and at start) it queues what older deletes left behind.
 */
@Component
class RunDataPurge {
    private static final Logger log = LoggerFactory.getLogger(RunDataPurge.class);
    static final int BATCH = 1000;
    private static final Duration PASS_BUDGET = Duration.ofSeconds(1);
    private static final Duration QUIET_PERIOD = Duration.ofMinutes(1);
    private static final Duration ORPHAN_SWEEP_EVERY = Duration.ofHours(1);

    private final PurgeStore store;
    private final Clock clock;
    private Instant lastOrphanSweep = Instant.EPOCH;

    RunDataPurge(PurgeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 2000, fixedDelay = 2000)
    void scheduled() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("Purging data of deleted runs failed (database away?); trying again shortly", e);
        }
    }

    /** @return rows deleted */
    synchronized long pass() {
        Instant now = clock.instant();
        if (Duration.between(lastOrphanSweep, now).compareTo(ORPHAN_SWEEP_EVERY) >= 0) {
            queueOrphans();
        }
        long deadline = System.nanoTime() + PASS_BUDGET.toNanos();
        long deleted = 0;
        for (PurgeStore.Queued queued : store.queued(100)) {
            long id = queued.submissionId();
            boolean complete = true;
            for (Step step : new Step[] {store::deleteLogLines, store::deleteMetricSamples,
                    store::deleteMetricMinutes}) {
                int batch;
                do {
                    batch = step.delete(id, BATCH);
                    deleted += batch;
                } while (batch >= BATCH && System.nanoTime() < deadline);
                complete &= batch < BATCH;
            }
            if (!complete) {
                break;
            }
            store.deleteLogProgress(id);
            if (queued.queuedAt().isBefore(now.minus(QUIET_PERIOD))) {
                store.dequeue(id);
            }
        }
        return deleted;
    }

    /** Queues what deletes left behind before they queued anything; at start, then hourly. */
    synchronized int queueOrphans() {
        Instant now = clock.instant();
        int orphans = store.queueOrphans(now);
        lastOrphanSweep = now;
        if (orphans > 0) {
            log.info("Queued the logs and metrics of {} submissions of earlier deleted runs for removal", orphans);
        }
        return orphans;
    }

    private interface Step {
        int delete(long submissionId, int batch);
    }
}
