package dev.runplane.ui.runs;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots.Slot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The current replicas counted by what a reader acts on ({@link ReplicaKind}): running, starting, pending (waiting
 * to start), retrying (waiting out a back-off), leaving (scaled away or replaced) and ended. One count, used by the
 * summary band, the replica table's header and its filter buttons, so they never disagree.
 */
record ReplicaCounts(int running, int starting, int pending, int retrying, int leaving, int ended) {

    static ReplicaCounts of(List<Slot<ReplicaRow>> slots) {
        return ofKinds(slots.stream().map(ReplicaKind::of).toList());
    }

    static ReplicaCounts ofKinds(Collection<ReplicaKind> kinds) {
        int[] counts = new int[ReplicaKind.values().length];
        kinds.forEach(kind -> counts[kind.ordinal()]++);
        return new ReplicaCounts(counts[ReplicaKind.RUNNING.ordinal()], counts[ReplicaKind.STARTING.ordinal()],
                counts[ReplicaKind.PENDING.ordinal()], counts[ReplicaKind.RETRYING.ordinal()],
                counts[ReplicaKind.LEAVING.ordinal()], counts[ReplicaKind.ENDED.ordinal()]);
    }

    int of(ReplicaKind kind) {
        return switch (kind) {
            case RUNNING -> running;
            case STARTING -> starting;
            case PENDING -> pending;
            case RETRYING -> retrying;
            case LEAVING -> leaving;
            case ENDED -> ended;
        };
    }

    int total() {
        return running + starting + pending + retrying + leaving + ended;
    }

    /** {@code 48 running · 1 pending · 1 retrying}: the kinds present, running always. */
    String text() {
        List<String> parts = new ArrayList<>();
        for (ReplicaKind kind : ReplicaKind.values()) {
            if (kind == ReplicaKind.RUNNING || of(kind) > 0) {
                parts.add(of(kind) + " " + kind.word());
            }
        }
        return String.join(" · ", parts);
    }

    /** {@code 1 pending · 0 retrying}: what waits to run, both always named. */
    String waitingText() {
        return pending + " pending · " + retrying + " retrying";
    }
}
