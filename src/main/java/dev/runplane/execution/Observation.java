package dev.runplane.execution;

import java.time.Instant;

/**
 * What a backend sees of one replica.
 *
 * @param exitCode set only when {@code state} is {@link State#EXITED}
 * @param endedAt  when the replica ended, as the backend recorded it (the local wrapper writes it next to the exit
 *                 code); null when the backend does not know, and always null for {@link State#VANISHED}: the
 *                 reconciler then uses the last time it saw the replica alive
 */
public record Observation(State state, Integer exitCode, Instant endedAt) {

    public enum State {
        /** Accepted by the backend but not running yet (e.g. queued by Slurm). */
        PENDING,
        RUNNING,
        /** Ended on its own or by a signal; the exit code is known (128 + signal number when killed). */
        EXITED,
        /** Gone without a recorded exit code (killed together with its wrapper, host rebooted...). */
        VANISHED
    }

    public Observation(State state, Integer exitCode) {
        this(state, exitCode, null);
    }

    public static Observation pending() {
        return new Observation(State.PENDING, null);
    }

    public static Observation running() {
        return new Observation(State.RUNNING, null);
    }

    /** Ended with {@code exitCode} at a time the backend does not know (the reconciler uses the time it noticed). */
    public static Observation exited(int exitCode) {
        return new Observation(State.EXITED, exitCode);
    }

    public static Observation exited(int exitCode, Instant endedAt) {
        return new Observation(State.EXITED, exitCode, endedAt);
    }

    public static Observation vanished() {
        return new Observation(State.VANISHED, null);
    }

    /** True once the replica is over, whether or not it left a record. */
    public boolean ended() {
        return state == State.EXITED || state == State.VANISHED;
    }
}
