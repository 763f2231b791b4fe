package dev.runplane.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestScheduleTest {
    private final IngestSchedule schedule = new IngestSchedule(1);

    private List<Long> pick(int partition, List<Long> replicas, Set<Long> backlogged) {
        return schedule.pick(partition, replicas, Long::longValue, backlogged::contains);
    }

    @Test
    void everyQuietReplicaIsVisitedAndBackloggedOnesTakeTurns() {
        List<Long> all = List.of(1L, 2L, 3L, 4L, 5L);
        Set<Long> backlogged = Set.of(2L, 4L, 5L);
        assertThat(pick(0, all, backlogged)).containsExactly(1L, 3L, 2L);
        assertThat(pick(0, all, backlogged)).containsExactly(1L, 3L, 4L);
        assertThat(pick(0, all, backlogged)).containsExactly(1L, 3L, 5L);
        assertThat(pick(0, all, backlogged)).containsExactly(1L, 3L, 2L);
    }

    @Test
    void partitionsTakeTurnsIndependently() {
        assertThat(pick(0, List.of(2L, 4L), Set.of(2L, 4L))).containsExactly(2L);
        assertThat(pick(1, List.of(1L, 3L), Set.of(1L, 3L))).containsExactly(1L);
        assertThat(pick(0, List.of(2L, 4L), Set.of(2L, 4L))).containsExactly(4L);
    }

    @Test
    void withoutBacklogEveryReplicaIsVisited() {
        assertThat(pick(0, List.of(7L, 8L), Set.of())).containsExactly(7L, 8L);
    }
}
