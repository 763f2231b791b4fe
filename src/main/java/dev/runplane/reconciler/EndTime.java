package dev.runplane.reconciler;

import dev.runplane.execution.Observation;
import java.time.Duration;
import java.time.Instant;

/**
 * When a finished replica ended, and what its message says about how that is known. Pure, so every case is a unit
 * test.
 * <p>
 * A backend's recorded end is used as it is, but never after now (the backend's clock may run ahead) and never
 * before the replica was last known alive (which would bill less than it ran; it happens only by milliseconds, when
 * it ended right after an observation). A replica that vanished without a record ended, as far as anyone can know,
 * the last time it was seen alive: this node's memory of its last observation, the run's {@code replicas_seen_at}
 * (what an earlier process of this node or another node saw), or its start.
 *
 * @param message null when the end time is the replica's own
 */
record EndTime(Instant at, String message) {
    /** While a server watches, passes are a tick (500 ms) apart; beyond this the replica went unobserved. */
    private static final Duration WATCHED = Duration.ofSeconds(2);

    /**
     * @param seen          this pass's observation of the replica (null: it was never launched)
     * @param lastSeenAlive this node's last observation of it alive, or null
     * @param runSeenAt     when a pass last saw all of the run's active replicas alive, or null
     */
    static EndTime of(Observation seen, Attempt attempt, Instant lastSeenAlive, Instant runSeenAt, Instant now) {
        if (seen == null || !seen.ended()) {
            return new EndTime(now, null);
        }
        Instant alive = latest(lastSeenAlive, runSeenAt, attempt.startedAt(), attempt.submittedAt());
        if (seen.state() == Observation.State.EXITED) {
            // a backend that records no end time: the time it was noticed is the best there is
            return new EndTime(seen.endedAt() == null ? now : clamp(seen.endedAt(), alive, now), null);
        }
        Instant at = clamp(alive, alive, now);
        Duration unseen = Duration.between(at, now);
        String message = unseen.compareTo(WATCHED) <= 0
                ? "process vanished; end time is the last time it was seen alive (±1 s)"
                : "process vanished; end time is the last time it was seen alive, " + unseen.toSeconds()
                  + " s before it was found gone (it was not observed in between, e.g. while the server was down)";
        return new EndTime(at, message);
    }

    private static Instant clamp(Instant value, Instant min, Instant max) {
        Instant atLeast = min != null && value.isBefore(min) ? min : value;
        return atLeast.isAfter(max) ? max : atLeast;
    }

    private static Instant latest(Instant... candidates) {
        Instant latest = null;
        for (Instant candidate : candidates) {
            if (candidate != null && (latest == null || candidate.isAfter(latest))) {
                latest = candidate;
            }
        }
        return latest;
    }
}
