package dev.runplane.cli;

/** An error a person can act on: its message is printed as it is, without a stack trace, and ends the command. */
class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /**
     * The server did not answer at all (refused, timed out, unknown host). Watch and follow modes wait for it to
     * come back instead of giving up; every other error ends them.
     */
    static final class Unreachable extends CliException {
        Unreachable(String message) {
            super(ExitCodes.ERROR, message);
        }
    }
}
