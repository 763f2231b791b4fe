package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveBatcherTest {
    private final FakeTimer timer = new FakeTimer();
    private final List<LiveBatcher.Batch> batches = new ArrayList<>();
    private final List<Long> batchTimes = new ArrayList<>();
    private long nextId = 1;

    private LiveBatcher batcher(int maxPending) {
        return new LiveBatcher(Duration.ofMillis(250), maxPending, timer::nanoTime, timer, batch -> {
            batches.add(batch);
            batchTimes.add(timer.nanoTime());
        });
    }

    private List<LogLine> lines(int count) {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = nextId++;
            lines.add(new LogLine(id, 0, 1, id, Instant.EPOCH, "stdout", "line " + id, null));
        }
        return lines;
    }

    @Test
    void aBurstOfSingleLinesBecomesAtMostFourUpdatesASecond() {
        LiveBatcher batcher = batcher(100_000);
        long epoch = batcher.reset();
        for (int ms = 0; ms < 2000; ms++) {
            batcher.offer(epoch, lines(5));
            timer.advanceMillis(1);
        }
        timer.advanceMillis(1000);

        for (int i = 4; i < batchTimes.size(); i++) {
            assertThat(batchTimes.get(i) - batchTimes.get(i - 4))
                    .as("five updates never fit in one second").isGreaterThanOrEqualTo(1_000_000_000L);
        }
        assertThat(batches.size()).isBetween(8, 9);
        List<Long> delivered = batches.stream().flatMap(b -> b.lines().stream()).map(LogLine::id).toList();
        assertThat(delivered).hasSize(10_000).isSorted();
        assertThat(batches).allSatisfy(b -> assertThat(b.skipped()).isZero());
    }

    @Test
    void theFirstLinesAfterAQuietSpellGoOutAtOnce() {
        LiveBatcher batcher = batcher(1000);
        long epoch = batcher.reset();
        timer.advanceMillis(5000);
        batcher.offer(epoch, lines(3));
        timer.advanceMillis(0);

        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().lines()).hasSize(3);
    }

    @Test
    void onlyTheNewestLinesAreKeptBetweenTwoUpdatesAndTheRestAreCounted() {
        LiveBatcher batcher = batcher(1000);
        long epoch = batcher.reset();
        batcher.offer(epoch, lines(1));
        timer.advanceMillis(0);
        batcher.offer(epoch, lines(2500));
        timer.advanceMillis(250);

        LiveBatcher.Batch second = batches.get(1);
        assertThat(second.lines()).hasSize(1000);
        assertThat(second.lines().getFirst().id()).isEqualTo(1502);
        assertThat(second.lines().getLast().id()).isEqualTo(2501);
        assertThat(second.skipped()).isEqualTo(1500);
    }

    @Test
    void linesOfAnOldEpochAreDropped() {
        LiveBatcher batcher = batcher(1000);
        long old = batcher.reset();
        batcher.offer(old, lines(3));
        long current = batcher.reset();
        batcher.offer(old, lines(2));
        batcher.offer(current, lines(1));
        timer.advanceMillis(300);

        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().epoch()).isEqualTo(current);
        assertThat(batches.getFirst().lines()).extracting(LogLine::id).containsExactly(6L);
    }
}
