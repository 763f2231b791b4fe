package dev.runplane.ui.logs;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Stored lines in memory, paged like {@code LogQueries}, plus a live tail the test drives. */
final class FakeLogSource implements LogSource {
    final List<LogLine> stored = new ArrayList<>();
    final List<LogRequest> requests = new ArrayList<>();
    final Map<Long, List<Consumer<List<LogLine>>>> listeners = new HashMap<>();
    private final Map<Long, int[]> submissions = new HashMap<>();
    private long nextId = 100;
    /** false once the reader has lost access to the run */
    boolean readable = true;

    /** Declares which replica and submission number a submission id is. */
    FakeLogSource submission(long id, int replicaNum, int submissionNum) {
        submissions.put(id, new int[] {replicaNum, submissionNum});
        return this;
    }

    LogLine line(long submissionId, String text) {
        return line(submissionId, text, null);
    }

    LogLine line(long submissionId, String text, String spans) {
        int[] s = submissions.get(submissionId);
        long id = nextId++;
        return new LogLine(id, s[0], s[1], id, Instant.parse("2026-01-02T03:04:05.678Z").plusSeconds(id), "stdout",
                text, spans);
    }

    /** Stores lines (committed) without telling live viewers. */
    List<LogLine> store(long submissionId, String... texts) {
        List<LogLine> lines = new ArrayList<>();
        for (String text : texts) {
            lines.add(line(submissionId, text));
        }
        stored.addAll(lines);
        return lines;
    }

    /** Stores lines and then tells the live tail's listeners, as the ingestor does after commit. */
    List<LogLine> append(long submissionId, String... texts) {
        List<LogLine> lines = store(submissionId, texts);
        deliver(submissionId, lines);
        return lines;
    }

    /** Tells the live tail's listeners of one submission about lines stored earlier. */
    void deliver(long submissionId, List<LogLine> lines) {
        List.copyOf(listeners.getOrDefault(submissionId, List.of())).forEach(l -> l.accept(lines));
    }

    int listenerCount() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public LogPage page(LogRequest request) {
        requests.add(request);
        List<LogLine> matching = stored.stream()
                .filter(l -> request.replica() == null || l.replicaNum() == request.replica())
                .filter(l -> request.submission() == null || l.submissionNum() == request.submission())
                .filter(l -> request.after() == null || l.id() > request.after())
                .filter(l -> request.before() == null || l.id() < request.before())
                .filter(l -> request.query() == null || l.text().contains(request.query()))
                .sorted(Comparator.comparingLong(LogLine::id)).toList();
        List<LogLine> lines;
        if (request.after() != null) {
            lines = matching.subList(0, Math.min(request.limit(), matching.size()));
        } else {
            lines = new ArrayList<>(matching.subList(Math.max(0, matching.size() - request.limit()),
                    matching.size()));
        }
        Long next = lines.isEmpty() ? request.after() : lines.getLast().id();
        Long prev = lines.isEmpty() ? null : lines.getFirst().id();
        return new LogPage(List.copyOf(lines), next, prev);
    }

    @Override
    public boolean mayRead() {
        return readable;
    }

    @Override
    public Runnable subscribe(long submissionId, Consumer<List<LogLine>> listener) {
        listeners.computeIfAbsent(submissionId, k -> new ArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(submissionId, Collections.emptyList()).remove(listener);
    }
}
