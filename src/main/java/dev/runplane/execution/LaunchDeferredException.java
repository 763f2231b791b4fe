package dev.runplane.execution;

/**
 * A replica cannot be started now for a reason that is not its own (e.g. Slurm's controller does not answer): the
 * slot stays waiting with the message, and the launch is tried again on a later pass instead of failing.
 */
public class LaunchDeferredException extends LaunchFailedException {
    public LaunchDeferredException(String message) {
        super(message);
    }
}
