package dev.runplane.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LineIdsTest {
    private final AtomicLong maxInTable = new AtomicLong(41);
    private final LineIds ids = new LineIds(maxInTable::get);

    @Test
    void blocksFollowTheLargestIdInTheTableAndEachOther() {
        assertThat(ids.reserve(10)).isEqualTo(42);
        assertThat(ids.reserve(5)).isEqualTo(52);
        assertThat(ids.reserve(1)).isEqualTo(57);
    }

    @Test
    void aBatchCommitsOnlyAfterEveryBatchWithLowerIds() throws Exception {
        long first = ids.reserve(10);
        long second = ids.reserve(10);
        CompletableFuture<Boolean> secondTurn = CompletableFuture.supplyAsync(() -> {
            try {
                return ids.awaitTurn(second, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ids.awaitTurn(first, Duration.ZERO)).isTrue();
        Thread.sleep(100);
        assertThat(secondTurn).isNotDone();
        ids.release(first);
        assertThat(secondTurn.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitingForAnEarlierBatchTimesOut() throws Exception {
        ids.reserve(10);
        long second = ids.reserve(10);
        assertThat(ids.awaitTurn(second, Duration.ofMillis(50))).isFalse();
    }

    @Test
    void afterAFailureIdsResumeAboveTheTableAndAboveEveryBlockHandedOut() {
        long first = ids.reserve(10);
        ids.release(first);
        maxInTable.set(1000);
        ids.resync();
        assertThat(ids.reserve(1)).isEqualTo(1001);
        long handedOut = ids.reserve(100);
        maxInTable.set(5);
        ids.resync();
        assertThat(ids.reserve(1)).isEqualTo(handedOut + 100);
    }
}
