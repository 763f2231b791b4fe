package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    private static LogLine line(long id, int replica) {
        return new LogLine(id, replica, 1, id, Instant.EPOCH, "stdout", "line " + id, null);
    }

    private static List<LogLine> lines(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> line(id, 0)).toList();
    }

    @Test
    void linesOfTwoReplicasAreMergedInCursorOrderWithoutDuplicates() {
        LogBuffer buffer = new LogBuffer(100);
        buffer.replace(List.of(line(1, 0), line(2, 1)));
        buffer.addNewer(List.of(line(6, 1), line(4, 1)));
        buffer.addNewer(List.of(line(5, 0), line(3, 0), line(2, 1)));

        assertThat(buffer.lines()).extracting(LogLine::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(buffer.lines()).extracting(LogLine::replicaNum).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @Test
    void theOldestLinesGoWhenNewOnesPassTheCap() {
        LogBuffer buffer = new LogBuffer(10);
        buffer.replace(lines(1, 8));
        int dropped = buffer.addNewer(lines(9, 13));

        assertThat(dropped).isEqualTo(3);
        assertThat(buffer.size()).isEqualTo(10);
        assertThat(buffer.firstId()).isEqualTo(4);
        assertThat(buffer.lastId()).isEqualTo(13);
    }

    @Test
    void olderLinesGoInFrontAndTheNewestMakeRoomForThem() {
        LogBuffer buffer = new LogBuffer(10);
        buffer.replace(lines(21, 28));
        int added = buffer.addOlder(lines(15, 22));

        assertThat(added).isEqualTo(6);
        assertThat(buffer.lines()).extracting(LogLine::id)
                .containsExactly(15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L);
    }

    @Test
    void aPageLargerThanTheCapKeepsItsNewestLines() {
        LogBuffer buffer = new LogBuffer(5);
        buffer.replace(lines(1, 9));

        assertThat(buffer.lines()).extracting(LogLine::id).containsExactly(5L, 6L, 7L, 8L, 9L);
    }
}
