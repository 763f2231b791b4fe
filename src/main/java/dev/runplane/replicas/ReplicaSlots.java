package dev.runplane.replicas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one definition of a run's current replicas (DESIGN.md, rule 5): its <em>slots</em> {@code 0 … desired−1}.
 * A slot shows its newest live submission; a slot without one shows a pending entry (why it waits and, for a retry,
 * when the next attempt is) — never an ended submission. A submission above the desired count that is still live
 * is listed too, as leaving, and not counted. Everything that ended is history.
 *
 * <p>Pure: no I/O and no clock, so the read models (API, portal, CLI, stats, logs, counts), the reconcile plan and
 * the run status rule all call this one function and cannot disagree.
 */
public final class ReplicaSlots {
    static final Duration FIRST_RETRY_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_RETRY_BACKOFF = Duration.ofMinutes(5);

    private ReplicaSlots() {
    }

    /** What the slot function needs to know about one submission; read models and the planner both implement it. */
    public interface Submission {
        int replicaNum();

        int submissionNum();

        ReplicaStatus status();

        TerminationReason terminationReason();

        Integer exitCode();

        Instant submittedAt();

        Instant finishedAt();

        /** What the backend or the launcher says about it (e.g. "waiting for capacity", "Slurm: Resources"). */
        default String statusMessage() {
            return null;
        }
    }

    /** The run's retry policy, as far as slots care. */
    public record RetryPolicy(boolean onError, boolean onLost, int limit) {
        public static final RetryPolicy NONE = new RetryPolicy(false, false, 0);

        /** Whether a replica that ended this way, after this many failures of its replica number, starts again. */
        public boolean retries(Submission failed, int failures) {
            // a replica that vanished, or whose job was cancelled outside Runplane, counts as lost
            boolean lost = failed.terminationReason() == TerminationReason.LOST
                    || failed.terminationReason() == TerminationReason.CANCELLED_OUTSIDE;
            boolean covered = lost ? onLost : onError;
            return covered && limit > 0 && failures <= limit;
        }
    }

    /**
     * The run's desired state, as far as slots care.
     *
     * @param restartRequests per replica number, the latest time a user asked to restart it
     */
    public record Rules(int desiredReplicas, boolean stopRequested, RetryPolicy retry,
                        Map<Integer, Instant> restartRequests) {
        public Rules {
            restartRequests = restartRequests == null ? Map.of() : Map.copyOf(restartRequests);
            retry = retry == null ? RetryPolicy.NONE : retry;
        }

        /** Enough to count running replicas (only live submissions matter for that). */
        public static Rules forCounting(int desiredReplicas) {
            return new Rules(desiredReplicas, false, RetryPolicy.NONE, Map.of());
        }
    }

    public enum State {
        /** the slot's newest live submission */
        LIVE,
        /** no live submission yet: starting, waiting for a retry, restarting */
        PENDING,
        /** a live submission that is on its way out (above the desired count, or replaced): listed, not counted */
        LEAVING
    }

    /**
     * One current replica.
     *
     * @param submission    null for a pending slot
     * @param message       why a pending slot waits; for a live one the submission's own message (may be null)
     * @param nextAttemptAt when a pending slot's next attempt starts (a retry's back-off), else null
     */
    public record Slot<S extends Submission>(int replicaNum, State state, S submission, String message,
                                             Instant nextAttemptAt) {
        /** Counted in the run's replica counts: a slot below the desired count. */
        public boolean counted() {
            return state != State.LEAVING;
        }

        public boolean running() {
            return state == State.LIVE && submission.status() == ReplicaStatus.RUNNING;
        }

        public boolean pending() {
            return state == State.PENDING;
        }

        public boolean retrying() {
            return state == State.PENDING && nextAttemptAt != null;
        }
    }

    /**
     * @param current  the slots in replica order (a leaving submission after the slot of its number)
     * @param history  every submission not shown in {@code current}: all of them have ended; newest end first
     * @param finished per slot below the desired count that will not start again, its last submission (DONE, failed
     *                 beyond its retries…); what the run status rule needs to call a run done or failed
     */
    public record Slots<S extends Submission>(List<Slot<S>> current, List<S> history, Map<Integer, S> finished) {

        public int runningReplicas() {
            return (int) current.stream().filter(Slot::running).count();
        }

        public int retryingReplicas() {
            return (int) current.stream().filter(Slot::retrying).count();
        }

        /** The live submissions among the current replicas (leaving ones included), in slot order. */
        public List<S> liveSubmissions() {
            return current.stream().filter(s -> s.submission() != null).map(Slot::submission).toList();
        }

        public boolean anyLive() {
            return current.stream().anyMatch(s -> s.submission() != null);
        }
    }

    public static <S extends Submission> Slots<S> of(Rules rules, List<S> submissions, Instant now) {
        Map<Integer, List<S>> byReplica = new TreeMap<>();
        for (S submission : submissions) {
            byReplica.computeIfAbsent(submission.replicaNum(), k -> new ArrayList<>()).add(submission);
        }
        byReplica.values().forEach(list -> list.sort(Comparator.comparingInt(Submission::submissionNum)));
        for (int replica = 0; replica < rules.desiredReplicas(); replica++) {
            byReplica.putIfAbsent(replica, List.of());
        }
        List<Slot<S>> current = new ArrayList<>();
        Map<Integer, S> finished = new TreeMap<>();
        Set<S> shown = Collections.newSetFromMap(new IdentityHashMap<>());
        byReplica.forEach((replica, list) -> {
            S live = newestLive(list);
            if (replica < rules.desiredReplicas()) {
                if (live != null) {
                    current.add(new Slot<>(replica, State.LIVE, live, live.statusMessage(), null));
                    shown.add(live);
                } else {
                    S latest = list.isEmpty() ? null : list.getLast();
                    Slot<S> pending = rules.stopRequested() ? null : pending(rules, replica, latest, list, now);
                    if (pending != null) {
                        current.add(pending);
                    } else if (latest != null) {
                        finished.put(replica, latest);
                    }
                }
            }
            for (S submission : list) {
                if (submission.status().isActive() && !shown.contains(submission)) {
                    current.add(new Slot<>(replica, State.LEAVING, submission, submission.statusMessage(), null));
                    shown.add(submission);
                }
            }
        });
        List<S> history = new ArrayList<>(submissions.stream().filter(s -> !shown.contains(s)).toList());
        history.sort(Comparator.comparing((S s) -> s.finishedAt() == null ? Instant.MAX : s.finishedAt())
                .reversed());
        return new Slots<>(List.copyOf(current), List.copyOf(history), Collections.unmodifiableMap(finished));
    }

    /**
     * What a log of "the current replicas" shows by default: the live submissions among the current replicas
     * (leaving ones included), or — once none is live, as in a finished or stopped run — each slot's newest
     * submission, so a finished task's output is still what its log shows first. Earlier submissions are history,
     * reachable by asking for them.
     *
     * <p>While a submission is live the answer depends on the live submissions only, so a caller may pass just
     * those first and read the rest only when the answer is empty.
     */
    public static <S extends Submission> List<S> logged(int desiredReplicas, List<S> submissions, Instant now) {
        List<S> live = of(Rules.forCounting(desiredReplicas), submissions, now).liveSubmissions();
        if (!live.isEmpty()) {
            return live;
        }
        Map<Integer, S> newest = new TreeMap<>();
        for (S submission : submissions) {
            if (submission.replicaNum() < desiredReplicas) {
                newest.merge(submission.replicaNum(), submission,
                        (a, b) -> a.submissionNum() >= b.submissionNum() ? a : b);
            }
        }
        return List.copyOf(newest.values());
    }

    private static <S extends Submission> S newestLive(List<S> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).status().isActive()) {
                return list.get(i);
            }
        }
        return null;
    }

    /** The pending entry of a slot without a live submission, or null when the slot will not start again. */
    private static <S extends Submission> Slot<S> pending(Rules rules, int replica, S latest, List<S> list,
                                                          Instant now) {
        if (latest == null) {
            return new Slot<>(replica, State.PENDING, null, "waiting to start", null);
        }
        Instant restartAsked = rules.restartRequests().get(replica);
        if (latest.terminationReason() == TerminationReason.RESTARTED_BY_USER
                || restartAsked != null && latest.submittedAt() != null && latest.submittedAt().isBefore(restartAsked)) {
            return new Slot<>(replica, State.PENDING, null, "restarting", null);
        }
        if (latest.terminationReason() == TerminationReason.SCALED_DOWN) {
            return new Slot<>(replica, State.PENDING, null, "waiting to start", null);
        }
        if (latest.status() != ReplicaStatus.FAILED) {
            return null;
        }
        int failures = failures(list, replica);
        if (!rules.retry().retries(latest, failures)) {
            return null;
        }
        Instant ended = latest.finishedAt() == null ? now : latest.finishedAt();
        Instant next = ended.plus(backoff(failures));
        String when = now.isBefore(next) ? "in " + secondsUntil(now, next) + " s" : "starting";
        return new Slot<>(replica, State.PENDING, null,
                whatHappened(latest) + "; retry " + failures + " of " + rules.retry().limit() + " " + when, next);
    }

    /** Whether a pending slot's next attempt may start now. */
    public static boolean dueAt(Slot<?> slot, Instant now) {
        return slot.pending() && (slot.nextAttemptAt() == null || !now.isBefore(slot.nextAttemptAt()));
    }

    /** 10 s after the first failure, doubling, at most 5 min. */
    public static Duration backoff(int failures) {
        Duration delay = FIRST_RETRY_BACKOFF;
        for (int i = 1; i < failures && delay.compareTo(MAX_RETRY_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY_BACKOFF) > 0 ? MAX_RETRY_BACKOFF : delay;
    }

    /** How many submissions of this replica number failed. */
    public static int failures(List<? extends Submission> submissions, int replicaNum) {
        return (int) submissions.stream()
                .filter(s -> s.replicaNum() == replicaNum && s.status() == ReplicaStatus.FAILED)
                .count();
    }

    /** A failed submission in words, as a pending slot and the retry events say it. */
    public static String whatHappened(Submission failed) {
        TerminationReason reason = failed.terminationReason();
        if (reason == TerminationReason.EXITED_WITH_ERROR && failed.exitCode() != null) {
            return "exited with code " + failed.exitCode();
        }
        if (reason == TerminationReason.LOST) {
            return "lost (the process vanished)";
        }
        if (reason == TerminationReason.FAILED_TO_START) {
            return "failed to start";
        }
        return reason == null ? "failed" : reason.name().toLowerCase().replace('_', ' ');
    }

    private static long secondsUntil(Instant now, Instant next) {
        long millis = Duration.between(now, next).toMillis();
        return (millis + 999) / 1000;
    }
}
