package dev.runplane.logs;

import dev.runplane.base.DataDiskGuard;
import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.LogChunk;
import dev.runplane.logs.IngestStore.Progress;
import dev.runplane.logs.IngestStore.Row;
import dev.runplane.logs.IngestStore.Target;
import dev.runplane.logs.ReplicaLogState.StreamState;
import dev.runplane.logs.sanitize.DecodedLine;
import dev.runplane.logs.sanitize.LineSanitizer;
import dev.runplane.logs.sanitize.SanitizedLine;
import dev.runplane.logs.sanitize.SecretMasker;
import dev.runplane.runs.spec.RunSpecParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One ingestion pass over every submission whose output is not completely stored: read new bytes from the backend,
 * decode and sanitise lines, mask secrets, apply the rate gate, then store lines and progress in one transaction.
 * Only this class advances offsets, and only together with the lines they account for.
 */
@Component
class LogIngestor {
    private static final Logger log = LoggerFactory.getLogger(LogIngestor.class);
    /**
     * Bytes read per stream per visit: big batches for throughput (one insert and one commit for ~3,000 lines of
     * 80 characters). Freshness does not suffer: {@link IngestSchedule} visits only one backlogged replica per worker
     * per pass, so a pass stays short and quiet replicas are visited every pass.
     */
    private static final int MAX_READ_BYTES = 256 * 1024;
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final IngestStore store;
    private final BackendRegistry backends;
    private final LiveTail tail;
    private final ApplicationEventPublisher events;
    private final LogProperties settings;
    private final Clock clock;
    private final LineSanitizer sanitizer;
    /** Per submission; a pass may touch different submissions from several {@link IngestWorkers} threads. */
    private final Map<Long, ReplicaLogState> states = new ConcurrentHashMap<>();
    private final BatchWriter writer;
    private final IngestWorkers workers;
    private final IngestSchedule schedule = new IngestSchedule(1);
    private final Map<Long, Long> lastWarned = new ConcurrentHashMap<>();
    private final DataDiskGuard disk;

    LogIngestor(IngestStore store, BackendRegistry backends, LiveTail tail, TransactionTemplate tx,
                ApplicationEventPublisher events, LogProperties settings, Clock clock, DataDiskGuard disk) {
        this.store = store;
        this.backends = backends;
        this.tail = tail;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.sanitizer = new LineSanitizer(settings.maxLineChars());
        this.writer = new BatchWriter(store, tx);
        this.workers = new IngestWorkers(settings.ingestWorkers());
        this.disk = disk;
    }

    /** @return lines handled in this pass (stored, or skipped while the data disk is low): 0 means idle */
    int pass() throws InterruptedException {
        disk.check();
        boolean diskLow = disk.isLow();
        List<Target> targets = store.targets();
        List<List<Target>> parts = workers.partition(targets, Target::submissionId);
        for (int i = 0; i < parts.size(); i++) {
            parts.set(i, schedule.pick(i, parts.get(i), Target::submissionId, this::backlogged));
        }
        int total = workers.run(parts, target -> ingestOrRetryLater(target, diskLow));
        Set<Long> seen = new HashSet<>();
        targets.forEach(target -> seen.add(target.submissionId()));
        states.keySet().retainAll(seen);
        lastWarned.keySet().retainAll(seen);
        return total;
    }

    private boolean backlogged(Target target) {
        ReplicaLogState state = states.get(target.submissionId());
        return state != null && state.backlogged;
    }

    private int ingestOrRetryLater(Target target, boolean diskLow) {
        try {
            return ingest(target, diskLow);
        } catch (RuntimeException e) {
            // drop the in-memory state: the next pass restarts from the persisted, line-aligned offsets
            states.remove(target.submissionId());
            writer.resync();
            // a database that is full or away fails every pass for every replica: say so once a minute each
            long now = System.nanoTime();
            Long last = lastWarned.get(target.submissionId());
            if (last == null || now - last > WARN_EVERY.toNanos()) {
                lastWarned.put(target.submissionId(), now);
                log.warn("Ingesting logs of {}/{} replica {} failed; retrying every pass from its stored offsets, "
                        + "so nothing is lost", target.project(), target.run(), target.replicaNum(), e);
            } else {
                log.debug("Ingesting logs of {}/{} replica {} failed again", target.project(), target.run(),
                        target.replicaNum(), e);
            }
            return 0;
        }
    }

    @PreDestroy
    void stopWorkers() {
        workers.close();
    }

    private int ingest(Target target, boolean diskLow) {
        Optional<ExecutionBackend> backend = backends.find(target.backend());
        if (backend.isEmpty()) {
            return 0;
        }
        ReplicaLogState state = states.computeIfAbsent(target.submissionId(), id -> newState(target));
        BackendHandle handle = new BackendHandle(target.handle());
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        storageFullMarker(state, diskLow, rows, now);
        long unstoredBefore = state.unstored == null ? 0 : state.unstored;
        boolean drained = read(backend.get(), handle, state.stdout, state, rows, now, nanos)
                & read(backend.get(), handle, state.stderr, state, rows, now, nanos);
        state.backlogged = !drained;
        boolean complete = target.finished() && drained;
        if (complete) {
            flush(state.stdout, state, rows, now, nanos);
            flush(state.stderr, state, rows, now, nanos);
        }
        long unstoredNow = state.unstored == null ? 0 : state.unstored - unstoredBefore;
        if (complete) {
            // the submission is over: its count of unstored lines is final
            storageFullMarker(state, false, rows, now);
        }
        long dropped = state.gate.takeDropped();
        if (dropped > 0) {
            String why = state.gate.quotaReached()
                    ? "the log quota of " + state.gate.quota() + " lines is used up"
                    : "rate limit of " + state.gate.linesPerSecond() + " lines/s";
            rows.add(new Row(state.nextSeq++, 's', now, "[runplane] " + dropped + " lines dropped (" + why + ")",
                    null));
        }
        if (rows.isEmpty() && !complete && !state.stdoutMoved(target) && !state.stderrMoved(target)) {
            return 0;
        }
        long stdoutOffset = complete ? state.stdout.readOffset : state.stdout.committedOffset();
        long stderrOffset = complete ? state.stderr.readOffset : state.stderr.committedOffset();
        int admittedLines = (int) rows.stream().filter(r -> r.stream() != 's').count();
        Progress progress = new Progress(stdoutOffset, stderrOffset, state.nextSeq, state.stored + admittedLines,
                dropped + unstoredNow, state.unstored, complete);
        long firstId = writer.write(target, rows, progress, state.progressSaved);
        state.progressSaved = true;
        state.stored += admittedLines;
        publish(target, rows, firstId);
        if (complete) {
            states.remove(target.submissionId());
            tail.release(target.submissionId());
        }
        return rows.size() + (int) unstoredNow;
    }

    /** @return true when the stream had nothing more to read */
    private boolean read(ExecutionBackend backend, BackendHandle handle, StreamState stream, ReplicaLogState state,
                         List<Row> rows, Instant now, long nanos) {
        LogChunk chunk = backend.readLog(handle, stream.stream, stream.readOffset, MAX_READ_BYTES);
        if (chunk.isEmpty()) {
            return true;
        }
        stream.readOffset = chunk.nextOffset();
        for (DecodedLine line : stream.decoder.feed(chunk.bytes(), 0, chunk.bytes().length)) {
            accept(line, stream.code, state, rows, now, nanos);
        }
        return chunk.bytes().length < MAX_READ_BYTES;
    }

    private void flush(StreamState stream, ReplicaLogState state, List<Row> rows, Instant now, long nanos) {
        for (DecodedLine line : stream.decoder.flush()) {
            accept(line, stream.code, state, rows, now, nanos);
        }
    }

    private void accept(DecodedLine line, char stream, ReplicaLogState state, List<Row> rows, Instant now,
                        long nanos) {
        if (state.unstored != null) {
            // the data disk is low: the line is counted, its bytes are skipped with the offsets (see below)
            state.unstored++;
            return;
        }
        if (!state.gate.admit(nanos)) {
            if (state.gate.firstQuotaNotice()) {
                rows.add(new Row(state.nextSeq++, 's', now, "[runplane] log quota of " + state.gate.quota()
                        + " lines reached: further output of this replica is dropped (it keeps running)", null));
            }
            return;
        }
        if (line.endsCutLine()) {
            rows.add(new Row(state.nextSeq++, 's', now, sanitizer.cutSummary(line.cutLineChars()), null));
            return;
        }
        // masking happens inside sanitising: on plain text, before the length cap, keeping spans aligned
        SanitizedLine clean = sanitizer.sanitize(line.text(), line.cut(), state.masker);
        String spans = clean.spans().isEmpty() ? null : clean.spansJson();
        rows.add(new Row(state.nextSeq++, stream, now, clean.text(), spans));
    }

    /**
     * Opens or closes a period in which the data disk is low ({@link DataDiskGuard}). While it lasts, lines are read,
     * counted and skipped instead of stored: that keeps the database (often on the same disk as the replicas' output
     * files) from filling up, the server serving and the replicas running, and the offsets move on with the count in
     * the same transaction. Readers see one line when it starts and one with the exact count when space returns (or
     * the replica ends), and storing resumes exactly after the last skipped line.
     */
    private void storageFullMarker(ReplicaLogState state, boolean diskLow, List<Row> rows, Instant now) {
        if (diskLow && state.unstored == null) {
            state.unstored = 0L;
            rows.add(new Row(state.nextSeq++, 's', now, "[runplane] log storage full: the server's data disk has "
                    + "less than " + disk.minimumFree() / 1_000_000 + " MB free, so output of this replica is not "
                    + "stored until space returns (the replica keeps running)", null));
        } else if (!diskLow && state.unstored != null) {
            rows.add(new Row(state.nextSeq++, 's', now, "[runplane] log storage full: " + state.unstored
                    + " lines not stored", null));
            state.unstored = null;
        }
    }

    private void publish(Target target, List<Row> rows, long firstId) {
        if (rows.isEmpty()) {
            return;
        }
        List<LogLine> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            lines.add(new LogLine(firstId + i, target.replicaNum(), target.submissionNum(), row.seq(), row.time(),
                    LogLine.streamName(String.valueOf(row.stream())), row.text(), row.spans()));
        }
        tail.append(target.submissionId(), lines);
        events.publishEvent(new LogsAppended(target.project(), target.run(), target.runId()));
    }

    private ReplicaLogState newState(Target target) {
        RateGate gate = new RateGate(settings.linesPerSecond(), settings.burst(), settings.quotaLines(),
                target.linesStored(), System.nanoTime());
        return new ReplicaLogState(target, gate, masker(target.runId()));
    }

    private SecretMasker masker(long runId) {
        String spec = store.specText(runId);
        if (spec == null) {
            return SecretMasker.fromEnvironment(Map.of());
        }
        try {
            return SecretMasker.fromEnvironment(new RunSpecParser().parse(spec).env());
        } catch (RuntimeException e) {
            return SecretMasker.fromEnvironment(Map.of());
        }
    }
}
