package dev.runplane.logs;

import dev.runplane.execution.LogStream;
import dev.runplane.logs.sanitize.LineDecoder;
import dev.runplane.logs.sanitize.SecretMasker;

/**
 * What the ingestor keeps in memory for one submission between passes: a decoder per stream (holding a partial
 * line), where to read next, and the rate gate. Rebuilt from the persisted offsets after a restart, which always sit
 * on a line boundary.
 */
final class ReplicaLogState {
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** One output stream: {@code committed} is the persisted offset, the decoder started there. */
    static final class StreamState {
        final LogStream stream;
        final char code;
        LineDecoder decoder = new LineDecoder(MAX_LINE_BYTES);
        long base;
        long readOffset;

        StreamState(LogStream stream, char code, long committed) {
            this.stream = stream;
            this.code = code;
            this.base = committed;
            this.readOffset = committed;
        }

        /** The offset up to which every byte is inside a line handed out so far. */
        long committedOffset() {
            return base + decoder.consumedBytes();
        }
    }

    final StreamState stdout;
    final StreamState stderr;
    final RateGate gate;
    final SecretMasker masker;
    long nextSeq;
    long stored;
    /** Lines read but not stored while the data disk is low; null while it is not (see {@code lines_unstored}). */
    Long unstored;
    /** Whether the last visit left unread output (see {@link IngestSchedule}). */
    boolean backlogged;
    /** Whether the submission's {@code log_progress} row exists. */
    boolean progressSaved;

    ReplicaLogState(IngestStore.Target target, RateGate gate, SecretMasker masker) {
        this.stdout = new StreamState(LogStream.STDOUT, 'o', target.stdoutOffset());
        this.stderr = new StreamState(LogStream.STDERR, 'e', target.stderrOffset());
        this.gate = gate;
        this.masker = masker;
        this.nextSeq = target.nextSeq();
        this.stored = target.linesStored();
        this.unstored = target.linesUnstored();
        this.progressSaved = target.hasProgress();
    }

    /** Whether a stream's line-aligned offset moved past what is persisted (lines were consumed but all dropped). */
    boolean stdoutMoved(IngestStore.Target target) {
        return stdout.committedOffset() != target.stdoutOffset();
    }

    boolean stderrMoved(IngestStore.Target target) {
        return stderr.committedOffset() != target.stderrOffset();
    }
}
