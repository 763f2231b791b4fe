package dev.runplane.ui.logs;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.TerminationReason;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A submission the log viewer can show: a current replica (its number, and the submission whose lines it reads and
 * follows), or an earlier submission from the run's history (scaled down, replaced, finished).
 *
 * @param submissionId the replica submission's id, as {@link dev.runplane.logs.LiveTail} knows it
 * @param current      a current replica; false for history
 * @param ended        how an earlier submission ended ("scaled down", "exit 3"); null for a current one
 */
public record ReplicaChoice(int replicaNum, int submissionNum, long submissionId, boolean current, String ended) {

    public ReplicaChoice(int replicaNum, int submissionNum, long submissionId) {
        this(replicaNum, submissionNum, submissionId, true, null);
    }

    public static ReplicaChoice of(ReplicaRow row) {
        return new ReplicaChoice(row.replicaNum(), row.submissionNum(), row.id());
    }

    /** The choices for a run's current replicas ({@code RunDetail.replicas().liveSubmissions()}). */
    public static List<ReplicaChoice> of(List<ReplicaRow> current) {
        return current.stream().map(ReplicaChoice::of).toList();
    }

    /** An earlier submission, from the run's history. */
    public static ReplicaChoice earlier(ReplicaRow row) {
        String reason = row.terminationReason() == null ? row.status().name().toLowerCase(Locale.ROOT)
                : row.terminationReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        // the exit code says something only when the process ended on its own (a stopped one exits 143)
        boolean failed = row.terminationReason() == TerminationReason.EXITED_WITH_ERROR && row.exitCode() != null;
        return new ReplicaChoice(row.replicaNum(), row.submissionNum(), row.id(), false,
                reason + (failed ? ", exit " + row.exitCode() : ""));
    }

    /** The choices for a run's history ({@code RunDetail.replicas().history()}), by replica, newest first. */
    public static List<ReplicaChoice> earlier(List<ReplicaRow> history) {
        return history.stream().map(ReplicaChoice::earlier)
                .sorted(Comparator.comparingInt(ReplicaChoice::replicaNum)
                        .thenComparing(Comparator.comparingInt(ReplicaChoice::submissionNum).reversed()))
                .toList();
    }

    /** What the picker says: "Replica 1 (submission 2)", or "Earlier: replica 1 · submission 1 (scaled down)". */
    public String label() {
        return current ? "Replica " + replicaNum + " (submission " + submissionNum + ")"
                : "Earlier: replica " + replicaNum + " \u00b7 submission " + submissionNum + " (" + ended + ")";
    }
}
