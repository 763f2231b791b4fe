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
    /** like the server's bounded search: a search page scans at most this many cursors back (0 = no bound) */
    long searchWindow;

    private final java.util.Set<List<Integer>> earlier = new java.util.HashSet<>();

    /** Marks a declared submission as history: read only when a request names it or includes history. */
    FakeLogSource earlier(long id) {
        int[] s = submissions.get(id);
        earlier.add(List.of(s[0], s[1]));
        return this;
    }

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
        if (searchWindow > 0 && request.query() != null) {
            return request.after() == null ? boundedSearch(request) : boundedSearchForward(request);
        }
        List<LogLine> matching = stored.stream()
                .filter(l -> request.replica() == null || l.replicaNum() == request.replica())
                .filter(l -> request.history() || request.submission() != null
                        || !earlier.contains(List.of(l.replicaNum(), l.submissionNum())))
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
        boolean backward = request.after() == null;
        Long prev = lines.isEmpty() || (backward && lines.size() < request.limit()) ? null : lines.getFirst().id();
        return new LogPage(List.copyOf(lines), next, prev);
    }

    /** One window of cursors after {@code after}, searched; partial when newer lines remain. */
    private LogPage boundedSearchForward(LogRequest request) {
        long newest = stored.stream().mapToLong(LogLine::id).max().orElse(0);
        long to = Math.min(newest, request.after() + searchWindow);
        List<LogLine> lines = stored.stream()
                .filter(l -> l.id() > request.after() && l.id() <= to && l.text().contains(request.query()))
                .sorted(Comparator.comparingLong(LogLine::id)).limit(request.limit()).toList();
        boolean full = lines.size() == request.limit();
        long next = full ? lines.getLast().id() : to;
        return new LogPage(lines, next, lines.isEmpty() ? null : lines.getFirst().id(), !full && next < newest);
    }

    /** One window of cursors below {@code before} (or the newest), searched; partial when older lines remain. */
    private LogPage boundedSearch(LogRequest request) {
        long oldest = stored.stream().mapToLong(LogLine::id).min().orElse(0);
        long below = request.before() != null ? request.before()
                : stored.stream().mapToLong(LogLine::id).max().orElse(0) + 1;
        long from = Math.max(oldest, below - searchWindow);
        List<LogLine> lines = stored.stream()
                .filter(l -> l.id() >= from && l.id() < below && l.text().contains(request.query()))
                .sorted(Comparator.comparingLong(LogLine::id)).toList();
        lines = lines.subList(Math.max(0, lines.size() - request.limit()), lines.size());
        boolean full = lines.size() == request.limit();
        Long prev = full ? Long.valueOf(lines.getFirst().id()) : from > oldest ? Long.valueOf(from) : null;
        return new LogPage(List.copyOf(lines), lines.isEmpty() ? Long.valueOf(0) : lines.getLast().id(), prev,
                !full && prev != null);
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
