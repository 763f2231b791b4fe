package dev.runplane.logs;

/**
 * Per-replica admission of log lines: a token bucket (lines per second with a burst) and a total quota. It only
 * decides and counts; the ingestor turns the counts into explicit "N lines dropped" marker lines. Not thread-safe:
 * one ingestor thread owns it.
 */
final class RateGate {
    private final int linesPerSecond;
    private final int burst;
    private final long quota;
    private double tokens;
    private long lastRefillNanos;
    private long admitted;
    private long droppedSinceMarker;
    private boolean quotaMarkerWritten;

    RateGate(int linesPerSecond, int burst, long quota, long alreadyStored, long nowNanos) {
        this.linesPerSecond = linesPerSecond;
        this.burst = Math.max(burst, 1);
        this.quota = quota;
        this.tokens = this.burst;
        this.lastRefillNanos = nowNanos;
        this.admitted = alreadyStored;
        this.quotaMarkerWritten = quota > 0 && alreadyStored >= quota;
    }

    boolean admit(long nowNanos) {
        if (quota > 0 && admitted >= quota) {
            droppedSinceMarker++;
            return false;
        }
        if (linesPerSecond > 0) {
            tokens = Math.min(burst, tokens + (nowNanos - lastRefillNanos) / 1e9 * linesPerSecond);
            lastRefillNanos = nowNanos;
            if (tokens < 1) {
                droppedSinceMarker++;
                return false;
            }
            tokens -= 1;
        }
        admitted++;
        return true;
    }

    /** Lines dropped since the last marker; resets the count. */
    long takeDropped() {
        long dropped = droppedSinceMarker;
        droppedSinceMarker = 0;
        return dropped;
    }

    boolean quotaReached() {
        return quota > 0 && admitted >= quota;
    }

    /** True once: the first time the quota is found reached. */
    boolean firstQuotaNotice() {
        if (quotaReached() && !quotaMarkerWritten) {
            quotaMarkerWritten = true;
            return true;
        }
        return false;
    }

    int linesPerSecond() {
        return linesPerSecond;
    }

    long quota() {
        return quota;
    }
}
