package dev.runplane.ui.logs;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import java.util.List;

/**
 * A current replica the log viewer can show: its number, and the submission whose lines it reads and follows.
 *
 * @param submissionId the replica submission's id, as {@link dev.runplane.logs.LiveTail} knows it
 */
public record ReplicaChoice(int replicaNum, int submissionNum, long submissionId) {

    public static ReplicaChoice of(ReplicaRow row) {
        return new ReplicaChoice(row.replicaNum(), row.submissionNum(), row.id());
    }

    /** The choices for a run's current replicas ({@code RunDetail.replicas().liveSubmissions()}). */
    public static List<ReplicaChoice> of(List<ReplicaRow> current) {
        return current.stream().map(ReplicaChoice::of).toList();
    }
}
