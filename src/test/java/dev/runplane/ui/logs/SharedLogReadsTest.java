package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The pages that ask for a run's newest lines at the same moment share one read, but never one that began before
 * they asked (a page subscribes to the live tail first, so a read begun earlier could miss lines stored in between).
 */
class SharedLogReadsTest {
    private static final SharedLogReads.Key KEY = new SharedLogReads.Key("default", "train",
            new LogRequest(null, null, null, null, 200, null));

    private final SharedLogReads shared = new SharedLogReads(null);
    /** A thread per asking page (the common pool has one thread on a 2-core machine). */
    private final java.util.concurrent.ExecutorService pages =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger reads = new AtomicInteger();

    /** A read that answers one line saying which read it was, after {@code release} when given. */
    private Supplier<LogPage> read(CountDownLatch release) {
        return () -> {
            int number = reads.incrementAndGet();
            if (release != null) {
                await(release);
            }
            return new LogPage(List.of(new LogLine(number, 0, 1, number, Instant.EPOCH, "stdout", "read " + number,
                    null)), null, null);
        };
    }

    @Test
    void pagesAskingWhileAReadRunsShareTheNextOneAndNotTheRunningOne() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<LogPage> first = CompletableFuture.supplyAsync(() -> shared.read(KEY, read(firstMayEnd)).page(), pages);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 1);

        List<CompletableFuture<LogPage>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(CompletableFuture.supplyAsync(() -> shared.read(KEY, read(null)).page(), pages));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> shared.waitingForNext(KEY) == 5);
        assertThat(reads.get()).as("nothing read for them while the first read runs").isEqualTo(1);
        firstMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).lines().getFirst().text()).isEqualTo("read 1");
        for (CompletableFuture<LogPage> page : later) {
            assertThat(page.get(5, TimeUnit.SECONDS).lines().getFirst().text())
                    .as("a read that began after they asked").isEqualTo("read 2");
        }
        assertThat(reads.get()).as("six pages, two reads").isEqualTo(2);

        // once no read runs, the next page's read begins at once
        SharedLogReads.Shared alone = shared.read(KEY, read(null));
        assertThat(alone.page().lines().getFirst().text()).isEqualTo("read 3");
        assertThat(alone.joined()).as("its own read: its access was checked by it").isFalse();
    }

    @Test
    void aFailedSharedReadReachesTheOthersAsTheirCueToReadThemselves() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<LogPage> first = CompletableFuture.supplyAsync(() -> shared.read(KEY, read(firstMayEnd)).page(), pages);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 1);
        CountDownLatch secondAsked = new CountDownLatch(1);
        CompletableFuture<Throwable> failing = CompletableFuture.supplyAsync(() -> {
            try {
                shared.read(KEY, () -> {
                    await(secondAsked);
                    throw new IllegalStateException("this reader's membership was revoked");
                });
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, pages);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> shared.waitingForNext(KEY) == 1);
        CompletableFuture<Throwable> joined = CompletableFuture.supplyAsync(() -> {
            try {
                shared.read(KEY, read(null));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, pages);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> shared.waitingForNext(KEY) == 2);
        secondAsked.countDown();
        firstMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).lines()).hasSize(1);
        assertThat(failing.get(5, TimeUnit.SECONDS)).as("the one whose read it was gets its own error")
                .isInstanceOf(IllegalStateException.class);
        assertThat(joined.get(5, TimeUnit.SECONDS)).as("the one that waited is told to read itself")
                .isInstanceOf(SharedLogReads.SharedReadFailed.class);
    }

    @Test
    void onlyTheNewestLinesAreShared() {
        assertThat(SharedLogReads.shared(new LogRequest(null, null, null, null, 200, null))).isTrue();
        assertThat(SharedLogReads.shared(new LogRequest(0, null, null, null, 200, " "))).isTrue();
        assertThat(SharedLogReads.shared(new LogRequest(null, null, null, 41L, 200, null))).as("older").isFalse();
        assertThat(SharedLogReads.shared(new LogRequest(null, null, 41L, null, 200, null))).as("newer").isFalse();
        assertThat(SharedLogReads.shared(new LogRequest(null, null, null, null, 200, "error"))).as("search")
                .isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
