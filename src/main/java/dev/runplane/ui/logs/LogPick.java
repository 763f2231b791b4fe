package dev.runplane.ui.logs;

/**
 * What the reader picked in the log viewer: every current replica ({@link #ALL}), one current replica (submission
 * null: whichever submission is current, followed across restarts), or one earlier submission.
 */
record LogPick(Integer replica, Integer submission) {
    static final LogPick ALL = new LogPick(null, null);

    static LogPick of(ReplicaChoice choice) {
        return new LogPick(choice.replicaNum(), choice.current() ? null : choice.submissionNum());
    }

    boolean isAll() {
        return replica == null;
    }
}
