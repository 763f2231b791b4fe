package dev.runplane.execution;

import java.time.Instant;

/**
 * What a backend sees of one replica.
 *
 * @param exitCode      set only when {@code state} is {@link State#EXITED}
 * @param ending        how an {@link State#EXITED} replica ended, as far as the backend knows; {@link Ending#EXITED}
 *                      when its exit code alone says it
 * @param endedAt       when the replica ended, as the backend recorded it (the local wrapper writes it next to the exit
 *                      code); null when the backend does not know, and always null for {@link State#VANISHED}: the
 *                      reconciler then uses the last time it saw the replica alive
 * @param pendingReason why a {@link State#PENDING} replica waits, in words (e.g. Slurm's reason); for a
 *                      {@link State#RUNNING} one, what is wrong with watching it (e.g. "Slurm unreachable since ..."),
 *                      shown on its slot until an observation without it clears it; null when nothing is to be said
 * @param host          the machine the replica runs on once the backend knows it (a Slurm node); null otherwise
 * @param endpoint      where the replica listens ({@code address:port}) once the backend knows it; null otherwise
 */
public record Observation(State state, Integer exitCode, Ending ending, Instant endedAt, String pendingReason,
                          String host, String endpoint) {

    public Observation(State state, Integer exitCode, Ending ending, Instant endedAt, String pendingReason,
                       String host) {
        this(state, exitCode, ending, endedAt, pendingReason, host, null);
    }

    public enum State {
        /** Accepted by the backend but not running yet (e.g. queued by Slurm). */
        PENDING,
        RUNNING,
        /** Ended on its own or by a signal; the exit code is known (128 + signal number when killed). */
        EXITED,
        /** Gone without a recorded exit code (killed together with its wrapper, host rebooted...). */
        VANISHED
    }

    /**
     * How an exited replica ended, in backend-neutral words; the reconciler turns each into a termination reason
     * and a retry cause (see {@code execution.slurm.SlurmJobStates} for the Slurm side of the table).
     */
    public enum Ending {
        /** It ended by itself (or by Runplane's signal); its exit code tells the rest. */
        EXITED,
        /** Someone other than Runplane cancelled it (e.g. {@code scancel} by an administrator). */
        CANCELLED_OUTSIDE,
        /** The backend ended it at its time limit. */
        TIME_LIMIT,
        /** The backend ended it for using more memory than it asked for. */
        OUT_OF_MEMORY,
        /** The machine under it failed or it was pre-empted. */
        LOST,
        /** The backend can never run it as asked (e.g. more CPUs than any node has); the message says why. */
        UNSATISFIABLE
    }

    public Observation(State state, Integer exitCode) {
        this(state, exitCode, state == State.EXITED ? Ending.EXITED : null, null, null, null);
    }

    public static Observation pending() {
        return new Observation(State.PENDING, null);
    }

    public static Observation pending(String reason) {
        return new Observation(State.PENDING, null, null, null, reason, null);
    }

    public static Observation running() {
        return new Observation(State.RUNNING, null);
    }

    /** Ended with {@code exitCode} at a time the backend does not know (the reconciler uses the time it noticed). */
    public static Observation exited(int exitCode) {
        return new Observation(State.EXITED, exitCode);
    }

    public static Observation exited(int exitCode, Instant endedAt) {
        return exited(exitCode).endedAt(endedAt);
    }

    public static Observation vanished() {
        return new Observation(State.VANISHED, null);
    }

    public Observation onHost(String node) {
        return new Observation(state, exitCode, ending, endedAt, pendingReason, node, endpoint);
    }

    public Observation listeningAt(String address) {
        return new Observation(state, exitCode, ending, endedAt, pendingReason, host, address);
    }

    public Observation endedAt(Instant at) {
        return new Observation(state, exitCode, ending, at, pendingReason, host, endpoint);
    }

    public Observation endedAs(Ending how) {
        return new Observation(state, exitCode, how, endedAt, pendingReason, host, endpoint);
    }

    /** True once the replica is over, whether or not it left a record. */
    public boolean ended() {
        return state == State.EXITED || state == State.VANISHED;
    }
}
