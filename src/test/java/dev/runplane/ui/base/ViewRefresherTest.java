package dev.runplane.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Push discipline for one view: at most one refresh per interval, and the last change is never left unshown. */
class ViewRefresherTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> refreshedAt = new CopyOnWriteArrayList<>();
    private final ViewRefresher refresher = new ViewRefresher(Runnable::run, Duration.ofMillis(250), timer,
            Runnable::run, () -> refreshedAt.add(System.nanoTime()));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aFloodOfNoticesBecomesAtMostFourRefreshesASecond() throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
            refresher.requestRefresh();
            Thread.sleep(2);
        }
        long lastNotice = System.nanoTime();
        Thread.sleep(700);

        assertThat(refreshedAt).hasSizeBetween(2, 6); // 1 s of notices: one refresh per 250 ms at most, plus the trailing one
        for (int i = 1; i < refreshedAt.size(); i++) {
            assertThat(refreshedAt.get(i) - refreshedAt.get(i - 1)).isGreaterThanOrEqualTo(
                    Duration.ofMillis(249).toNanos());
        }
        // the last notice came after the second-to-last refresh began, so a refresh followed it
        assertThat(refreshedAt.getLast()).isGreaterThan(lastNotice - Duration.ofMillis(250).toNanos());
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
    void aNoticeDuringTheWaitIsShownByTheRefreshThatFollows() throws InterruptedException {
        refresher.requestRefresh(); // runs at once
        refresher.requestRefresh(); // waits for the interval
        long second = System.nanoTime();
        refresher.requestRefresh(); // absorbed into the waiting one
        Thread.sleep(700);

        assertThat(refreshedAt).hasSize(2);
        assertThat(refreshedAt.get(1)).isGreaterThan(second);
    }
}
