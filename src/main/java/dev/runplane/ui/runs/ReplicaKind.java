package dev.runplane.ui.runs;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaStatus;

/**
 * What a reader acts on about one current replica: the kinds {@link ReplicaCounts} counts and the replica table's
 * counts filter by, defined here once so that a count and the rows its button shows always agree.
 */
enum ReplicaKind {
    RUNNING("running"),
    STARTING("starting"),
    /** waiting to start */
    PENDING("pending"),
    /** waiting out a back-off */
    RETRYING("retrying"),
    /** scaled away or replaced: listed, not counted */
    LEAVING("leaving"),
    ENDED("ended");

    private final String word;

    ReplicaKind(String word) {
        this.word = word;
    }

    /** How the page names it: {@code 3 retrying}, "No retrying replicas now". */
    String word() {
        return word;
    }

    static ReplicaKind of(Slot<ReplicaRow> slot) {
        if (!slot.counted()) {
            return LEAVING;
        } else if (slot.retrying()) {
            return RETRYING;
        } else if (slot.pending()) {
            return PENDING;
        } else if (slot.submission().status() == ReplicaStatus.RUNNING) {
            return RUNNING;
        } else if (slot.submission().status().isActive()) {
            return STARTING;
        }
        return ENDED;
    }
}
