package dev.runplane.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Push discipline for one view: a few refreshes at once, then at most one per interval, and the last change is never
 * left unshown.
 */
class ViewRefresherTest {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> refreshedAt = new CopyOnWriteArrayList<>();
    private final ViewRefresher refresher = new ViewRefresher(Runnable::run, INTERVAL, timer,
            Runnable::run, () -> refreshedAt.add(System.nanoTime()));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aFloodOfNoticesIsHeldToOneRefreshPerIntervalOnceTheBurstIsSpent() throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
            refresher.requestRefresh();
            Thread.sleep(2);
        }
        long lastNotice = System.nanoTime();
        Thread.sleep(700);

        // 1 s of notices: the burst, then one per 250 ms, plus the trailing one — never one per notice (~400)
        assertThat(refreshedAt).hasSizeBetween(ViewRefresher.BURST + 2, ViewRefresher.BURST + 6);
        // in any stretch of the flood, no more refreshes than the burst plus one per interval: n refreshes in a row
        // span at least (n - BURST) intervals
        for (int i = 0; i < refreshedAt.size(); i++) {
            for (int j = i + ViewRefresher.BURST; j < refreshedAt.size(); j++) {
                assertThat(refreshedAt.get(j) - refreshedAt.get(i)).isGreaterThanOrEqualTo(
                        (j - i + 1 - ViewRefresher.BURST) * INTERVAL.toNanos() - Duration.ofMillis(1).toNanos());
            }
        }
        // the last notice came after the second-to-last refresh began, so a refresh followed it
        assertThat(refreshedAt.getLast()).isGreaterThan(lastNotice - INTERVAL.toNanos());
    }

    @Test
    void aQuietViewRefreshesAtOnce() throws InterruptedException {
        long notice = System.nanoTime();
        refresher.requestRefresh();
        Thread.sleep(50);

        assertThat(refreshedAt).hasSize(1);
        assertThat(refreshedAt.getFirst() - notice).isLessThan(Duration.ofMillis(50).toNanos());
    }

    @Test
    void aChangeRightAfterAnotherIsShownAtOnce() throws InterruptedException {
        // a scale call and the reconciler's start of the replica a few ms later; or a change just after the clock
        refresher.requestRefresh();
        Thread.sleep(20);
        long second = System.nanoTime();
        refresher.requestRefresh();
        Thread.sleep(50);

        assertThat(refreshedAt).hasSize(2);
        assertThat(refreshedAt.get(1) - second).isLessThan(Duration.ofMillis(50).toNanos());
    }

    @Test
    void aNoticeDuringTheWaitIsShownByTheRefreshThatFollows() throws InterruptedException {
        for (int i = 0; i < ViewRefresher.BURST; i++) {
            refresher.requestRefresh(); // the burst: each runs at once
        }
        refresher.requestRefresh(); // waits for the interval
        long waiting = System.nanoTime();
        refresher.requestRefresh(); // absorbed into the waiting one
        Thread.sleep(700);

        assertThat(refreshedAt).hasSize(ViewRefresher.BURST + 1);
        assertThat(refreshedAt.getLast()).isGreaterThan(waiting);
        assertThat(refreshedAt.getLast() - refreshedAt.getFirst()).isGreaterThanOrEqualTo(
                INTERVAL.minusMillis(1).toNanos());
    }
}
