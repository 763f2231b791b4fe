package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replica counts of the summary band and the replica table's header: each slot counted once, by what it is. */
class ReplicaCountsTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    private static Slot<ReplicaRow> live(int replica, ReplicaStatus status) {
        ReplicaRow row = new ReplicaRow(replica, replica, 0, status, null, null, null, T, T, null, BigDecimal.ONE);
        return new Slot<>(replica, ReplicaSlots.State.LIVE, row, null, null);
    }

    @Test
    void countsEachKindOfSlotOnceAndNamesOnlyTheKindsPresent() {
        ReplicaRow leavingRow = new ReplicaRow(9, 1, 0, ReplicaStatus.TERMINATING, null, null, null, T, T, null,
                BigDecimal.ONE);
        ReplicaCounts counts = ReplicaCounts.of(List.of(
                live(0, ReplicaStatus.RUNNING),
                live(1, ReplicaStatus.RUNNING),
                new Slot<>(1, ReplicaSlots.State.LEAVING, leavingRow, null, null),
                live(2, ReplicaStatus.PROVISIONING),
                new Slot<>(3, ReplicaSlots.State.PENDING, null, "waiting for capacity", null),
                new Slot<>(4, ReplicaSlots.State.PENDING, null, "retry 1 of 2 in 8 s", T.plusSeconds(8)),
                live(5, ReplicaStatus.DONE)));

        assertThat(counts).isEqualTo(new ReplicaCounts(2, 1, 1, 1, 1, 1));
        assertThat(counts.text()).isEqualTo("2 running · 1 starting · 1 pending · 1 retrying · 1 leaving · 1 ended");
        assertThat(counts.waitingText()).isEqualTo("1 pending · 1 retrying");
        assertThat(ReplicaCounts.of(List.of()).text()).isEqualTo("0 running");
    }
}
