package dev.runplane.execution;

/**
 * What a backend sees of one replica.
 *
 * @param exitCode set only when {@code state} is {@link State#EXITED}
 */
public record Observation(State state, Integer exitCode) {

    public enum State {
        /** Accepted by the backend but not running yet (e.g. queued by Slurm). */
        PENDING,
        RUNNING,
        /** Ended on its own or by a signal; the exit code is known (128 + signal number when killed). */
        EXITED,
        /** Gone without a recorded exit code (killed together with its wrapper, host rebooted...). */
        VANISHED
    }

    public static Observation pending() {
        return new Observation(State.PENDING, null);
    }

    public static Observation running() {
        return new Observation(State.RUNNING, null);
    }

    public static Observation exited(int exitCode) {
        return new Observation(State.EXITED, exitCode);
    }

    public static Observation vanished() {
        return new Observation(State.VANISHED, null);
    }
}
