package dev.runplane.ui.runs;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The current replicas counted by what a reader acts on: running, starting, pending (waiting to start), retrying
 * (waiting out a back-off), leaving (scaled away or replaced) and ended. One count, used by the summary band and the
 * replica table's header, so the two never disagree.
 */
record ReplicaCounts(int running, int starting, int pending, int retrying, int leaving, int ended) {

    static ReplicaCounts of(List<Slot<ReplicaRow>> slots) {
        int running = 0;
        int starting = 0;
        int pending = 0;
        int retrying = 0;
        int leaving = 0;
        int ended = 0;
        for (Slot<ReplicaRow> slot : slots) {
            if (!slot.counted()) {
                leaving++;
            } else if (slot.retrying()) {
                retrying++;
            } else if (slot.pending()) {
                pending++;
            } else if (slot.submission().status() == ReplicaStatus.RUNNING) {
                running++;
            } else if (slot.submission().status().isActive()) {
                starting++;
            } else {
                ended++;
            }
        }
        return new ReplicaCounts(running, starting, pending, retrying, leaving, ended);
    }

    /** {@code 48 running · 1 pending · 1 retrying}: the kinds present, running always. */
    String text() {
        List<String> parts = new ArrayList<>();
        parts.add(running + " running");
        add(parts, starting, "starting");
        add(parts, pending, "pending");
        add(parts, retrying, "retrying");
        add(parts, leaving, "leaving");
        add(parts, ended, "ended");
        return String.join(" · ", parts);
    }

    /** {@code 1 pending · 0 retrying}: what waits to run, both always named. */
    String waitingText() {
        return pending + " pending · " + retrying + " retrying";
    }

    private static void add(List<String> parts, int count, String word) {
        if (count > 0) {
            parts.add(count + " " + word);
        }
    }
}
