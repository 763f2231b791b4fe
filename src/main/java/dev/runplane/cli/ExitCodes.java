package dev.runplane.cli;

/**
 * The exit codes scripts can rely on. Only "not found" and "conflict" get their own codes because those are the
 * two a script reacts to differently (create it / reload and retry); every other failure is a plain error.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int CONFLICT = 4;

    private ExitCodes() {
    }

    static int forStatus(int httpStatus) {
        return switch (httpStatus) {
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> httpStatus >= 200 && httpStatus < 300 ? OK : ERROR;
        };
    }
}
