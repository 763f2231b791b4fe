package dev.runplane.api.runs;

import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
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

    record RunBody(String project, String name, String type, String status, long version, int desiredReplicas,
                   int runningReplicas, String stopRequest, String submittedBy, String submittedAt,
                   String finishedAt, String spec, List<ReplicaBody> replicas, List<ReplicaBody> history) {
    }

    record ReplicaBody(int replicaNum, int submissionNum, String status, String terminationReason,
                       Integer exitCode, String message, String submittedAt, String startedAt, String finishedAt,
                       String pricePerHour, String host, String backendId) {
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
                s.desiredReplicas(), s.runningReplicas(), s.stopRequest().name(), s.submittedBy(),
                time(s.submittedAt()), time(s.finishedAt()), null, null, null);
    }

    static RunBody detail(RunDetail d, boolean withHistory) {
        RunSummary s = d.run();
        return new RunBody(s.project(), s.name(), s.type().name().toLowerCase(), s.status().name(), s.version(),
                s.desiredReplicas(), s.runningReplicas(), s.stopRequest().name(), s.submittedBy(),
                time(s.submittedAt()), time(s.finishedAt()), d.specText(),
                d.replicas().current().stream().map(RunJson::replica).toList(),
                withHistory ? d.replicas().history().stream().map(RunJson::replica).toList() : null);
    }

    static ReplicaBody replica(ReplicaRow r) {
        return new ReplicaBody(r.replicaNum(), r.submissionNum(), r.status().name(),
                r.terminationReason() == null ? null : r.terminationReason().name(), r.exitCode(),
                r.statusMessage(), time(r.submittedAt()), time(r.startedAt()), time(r.finishedAt()),
                r.pricePerHour() == null ? null : r.pricePerHour().stripTrailingZeros().toPlainString(), r.host(),
                r.backendId());
    }

    static EventBody event(EventRow e) {
        return new EventBody(e.id(), time(e.time()), e.actor(), e.source(), e.run(), e.action(), e.before(),
                e.after(), e.message());
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
