package dev.runplane.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.runs.EventQueries.EventRow;
import dev.runplane.runs.RunDetails.RunDetail;
import dev.runplane.runs.RunDetails.RunSummary;
import java.time.Instant;
import java.util.List;

/**
 * The API's JSON shapes. Timestamps are ISO-8601 strings in UTC; money is a decimal string, never a float.
 */
final class RunJson {
    private RunJson() {
    }

    /** @param retryingReplicas slots waiting for a retry (only in a run's own body; null in lists) */
    record RunBody(String project, String name, String type, String status, long version, int desiredReplicas,
                   int runningReplicas, Integer retryingReplicas, String stopRequest, String submittedBy,
                   String submittedAt, String finishedAt, String spec, List<ReplicaBody> replicas,
                   List<ReplicaBody> history) {
    }

    /**
     * A current replica (a slot) or a history entry. A pending slot has no submission: {@code submissionNum} null,
     * status {@code PENDING}, a message saying why and, for a retry, {@code nextAttemptAt}. {@code terminating} marks
     * a live submission above the desired count (or replaced) that is on its way out and not counted. A service
     * replica has its {@code endpoint} ({@code host:port}), {@code ready} (whether the services endpoint sends it
     * requests) and the last {@code probeFailure}; these are null for tasks.
     */
    record ReplicaBody(int replicaNum, @JsonInclude(JsonInclude.Include.ALWAYS) Integer submissionNum, String status,
                       String terminationReason, Integer exitCode, String message, String nextAttemptAt,
                       boolean terminating, String submittedAt, String startedAt, String finishedAt,
                       String pricePerHour, String host, String backendId, String endpoint, Boolean ready,
                       String probeFailure) {
    }

    record RunListBody(List<RunBody> runs, String next) {
    }

    record EventBody(long id, String time, String actor, String source, String run, String action, String before,
                     String after, String message) {
    }

    record EventListBody(List<EventBody> events, String next) {
    }

    record ScaleBody(Integer replicas, Long expectedVersion) {
    }

    record StopBody(Boolean abort) {
    }

    static RunBody summary(RunSummary s) {
        return new RunBody(s.project(), s.name(), s.type().name().toLowerCase(), s.status().name(), s.version(),
                s.desiredReplicas(), s.runningReplicas(), null, s.stopRequest().name(), s.submittedBy(),
                time(s.submittedAt()), time(s.finishedAt()), null, null, null);
    }

    static RunBody detail(RunDetail d, boolean withHistory) {
        RunSummary s = d.run();
        return new RunBody(s.project(), s.name(), s.type().name().toLowerCase(), s.status().name(), s.version(),
                s.desiredReplicas(), s.runningReplicas(), d.replicas().retryingReplicas(), s.stopRequest().name(),
                s.submittedBy(), time(s.submittedAt()), time(s.finishedAt()), d.specText(),
                d.replicas().current().stream().map(RunJson::slot).toList(),
                withHistory ? d.replicas().history().stream().map(r -> replica(r, false)).toList() : null);
    }

    static ReplicaBody slot(Slot<ReplicaRow> slot) {
        if (slot.submission() == null) {
            return new ReplicaBody(slot.replicaNum(), null, "PENDING", null, null, slot.message(),
                    time(slot.nextAttemptAt()), false, null, null, null, null, null, null, null, null, null);
        }
        return replica(slot.submission(), slot.state() == ReplicaSlots.State.LEAVING);
    }

    static ReplicaBody replica(ReplicaRow r, boolean terminating) {
        return new ReplicaBody(r.replicaNum(), r.submissionNum(), r.status().name(),
                r.terminationReason() == null ? null : r.terminationReason().name(), r.exitCode(),
                r.statusMessage(), null, terminating, time(r.submittedAt()), time(r.startedAt()),
                time(r.finishedAt()),
                r.pricePerHour() == null ? null : r.pricePerHour().stripTrailingZeros().toPlainString(), r.host(),
                r.backendId(), r.endpoint(),
                // only a running submission can serve; an ended one keeps its last probe verdict in the database
                r.endpoint() == null ? null : r.ready() && r.status() == dev.runplane.replicas.ReplicaStatus.RUNNING,
                r.probeFailure());
    }

    static EventBody event(EventRow e) {
        return new EventBody(e.id(), time(e.time()), e.actor(), e.source(), e.run(), e.action(), e.before(),
                e.after(), e.message());
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
