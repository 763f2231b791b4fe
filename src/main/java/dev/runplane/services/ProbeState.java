package dev.runplane.services;

import dev.runplane.runs.spec.RunSpec.Probe;
import java.time.Instant;
import java.util.List;

/**
 * The readiness of one replica submission, from consecutive probe results. Not ready until every probe passed
 * {@code ready_after} times in a row; out at the first failure after that; to be replaced after
 * {@code failure_threshold} failures in a row once it had been ready. Pure: the prober feeds it results and times.
 */
final class ProbeState {
    /** What a result changed, for the prober to act on. */
    enum Change { NONE, BECAME_READY, LEFT_ROTATION, REPLACE }

    private final List<Probe> probes;
    private final int[] successes;
    private final int[] failures;
    private final Instant[] due;
    private final boolean[] inFlight;
    private boolean ready;
    private boolean everReady;
    private boolean replaceRequested;
    private String lastFailure;

    ProbeState(List<Probe> probes, Instant now) {
        this.probes = List.copyOf(probes);
        int n = probes.size();
        successes = new int[n];
        failures = new int[n];
        inFlight = new boolean[n];
        due = new Instant[n];
        java.util.Arrays.fill(due, now);
    }

    List<Probe> probes() {
        return probes;
    }

    synchronized boolean ready() {
        return ready;
    }

    synchronized String lastFailure() {
        return lastFailure;
    }

    /** Claims probe {@code i} if it is due and not already running; the caller then runs it and reports. */
    synchronized boolean claim(int i, Instant now) {
        if (inFlight[i] || now.isBefore(due[i])) {
            return false;
        }
        inFlight[i] = true;
        return true;
    }

    /** @param failure null when the probe passed, else what went wrong in words */
    synchronized Change report(int i, String failure, Instant now) {
        inFlight[i] = false;
        due[i] = now.plus(probes.get(i).interval());
        if (failure == null) {
            successes[i]++;
            failures[i] = 0;
        } else {
            failures[i]++;
            successes[i] = 0;
            lastFailure = failure;
        }
        boolean wasReady = ready;
        if (failure != null) {
            ready = false;
        } else {
            boolean all = true;
            for (int p = 0; p < probes.size(); p++) {
                all &= failures[p] == 0 && successes[p] >= probes.get(p).readyAfter();
            }
            ready = all || wasReady;
            if (ready) {
                lastFailure = null;
            }
        }
        everReady |= ready;
        if (failure != null && everReady && !replaceRequested && failures[i] >= probes.get(i).failureThreshold()) {
            replaceRequested = true;
            return Change.REPLACE;
        }
        if (ready != wasReady) {
            return ready ? Change.BECAME_READY : Change.LEFT_ROTATION;
        }
        return Change.NONE;
    }
}
