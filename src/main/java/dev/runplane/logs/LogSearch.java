package dev.runplane.logs;

import dev.runplane.base.SqlLike;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import dev.runplane.logs.LogQueries.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Search pages whose work is bounded. A search cannot use an index (it matches text anywhere inside a line), so a
 * page of a rare term would scan millions of lines and a term that matches nothing would scan the whole log in one
 * request. Instead a page scans windows of cursors, newest first (oldest first after an {@code after} cursor), and
 * stops when it is full or its time is spent. A page cut short says so ({@link LogPage#partial()}) and its cursor
 * continues exactly where the scan stopped, so reading on finds the same lines one unbounded scan would have found.
 */
@Component
class LogSearch {
    /** Cursors the first window covers: a page of a common term fills inside it. */
    static final long FIRST_WINDOW = 20_000;
    /** A window grows at most this much at a time, so one slow window cannot overrun the page's time by much. */
    private static final long GROWTH = 8;

    private final JdbcClient jdbc;
    private final Duration timePerPage;
    private final long firstWindow;
    private final LongSupplier nanoTime;

    @Autowired
    LogSearch(JdbcClient jdbc, LogProperties properties) {
        this(jdbc, properties.searchTimePerPage(), FIRST_WINDOW, System::nanoTime);
    }

    LogSearch(JdbcClient jdbc, Duration timePerPage, long firstWindow, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.timePerPage = timePerPage;
        this.firstWindow = firstWindow;
        this.nanoTime = nanoTime;
    }

    /** One page of lines containing {@code request.query()}, for a scope with at least one submission. */
    LogPage page(Scope scope, LogRequest request, int limit) {
        long[] bounds = bounds(scope.submissionIds());
        if (bounds == null) {
            return new LogPage(List.of(), request.nextWhenEmpty(), null);
        }
        return request.after() != null ? forward(scope, request, limit, bounds)
                : backward(scope, request, limit, bounds);
    }

    private LogPage backward(Scope scope, LogRequest request, int limit, long[] bounds) {
        long oldest = bounds[0];
        long below = request.before() != null ? Math.min(request.before(), bounds[1] + 1) : bounds[1] + 1;
        List<LogLine> found = new ArrayList<>();
        Windows windows = new Windows();
        while (found.size() < limit && below > oldest) {
            long from = Math.max(oldest, below - windows.size);
            List<LogLine> lines = scan(scope, request.query(), from, below, false, limit - found.size());
            found.addAll(lines);
            if (found.size() == limit) {
                below = found.getLast().id(); // full: the next page starts below the oldest line found
                break;
            }
            windows.scanned(below - from);
            below = from;
            if (windows.timeIsUp()) {
                break;
            }
        }
        Collections.reverse(found);
        boolean full = found.size() == limit;
        boolean more = below > oldest;
        Long next = found.isEmpty() ? request.nextWhenEmpty() : found.getLast().id();
        return new LogPage(List.copyOf(found), next, more ? Long.valueOf(below) : null, !full && more);
    }

    private LogPage forward(Scope scope, LogRequest request, int limit, long[] bounds) {
        long newest = bounds[1];
        long above = Math.max(request.after(), bounds[0] - 1);
        List<LogLine> found = new ArrayList<>();
        Windows windows = new Windows();
        while (found.size() < limit && above < newest) {
            long to = Math.min(newest, above + windows.size);
            List<LogLine> lines = scan(scope, request.query(), above + 1, to + 1, true, limit - found.size());
            found.addAll(lines);
            if (found.size() == limit) {
                above = found.getLast().id();
                break;
            }
            windows.scanned(to - above);
            above = to;
            if (windows.timeIsUp()) {
                break;
            }
        }
        boolean full = found.size() == limit;
        return new LogPage(List.copyOf(found), above,
                found.isEmpty() ? null : found.getFirst().id(), !full && above < newest);
    }

    /** Lines with {@code from <= id < to} containing the text, newest first or (ascending) oldest first. */
    private List<LogLine> scan(Scope scope, String query, long from, long to, boolean ascending, int limit) {
        return jdbc.sql("SELECT id, replica_num, submission_num, seq, logged_at, stream, text, spans FROM log_line"
                        + " WHERE submission_id IN (:ids) AND id >= :from AND id < :to AND text LIKE :q ESCAPE '!'"
                        + " ORDER BY id " + (ascending ? "ASC" : "DESC") + " LIMIT :limit")
                .param("ids", scope.submissionIds()).param("from", from).param("to", to)
                .param("q", SqlLike.contains(query)).param("limit", limit)
                .query(LogQueries::line).list();
    }

    /** The smallest and largest cursor among the submissions' lines; null when they have none. */
    private long[] bounds(List<Long> submissionIds) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long id : submissionIds) {
            // one submission at a time: MIN/MAX of a single index prefix is answered from the index ends
            var row = jdbc.sql("SELECT MIN(id) AS lo, MAX(id) AS hi FROM log_line WHERE submission_id = ?")
                    .param(id).query().singleRow();
            if (row.get("lo") != null) {
                min = Math.min(min, ((Number) row.get("lo")).longValue());
                max = Math.max(max, ((Number) row.get("hi")).longValue());
            }
        }
        return min == Long.MAX_VALUE ? null : new long[] {min, max};
    }

    /**
     * Sizes the windows of one page: each next window is what the measured speed fits into the time left (at most
     * {@link #GROWTH} times the last), so a page ends close to its time whether the machine is idle or busy.
     */
    private final class Windows {
        private final long start = nanoTime.getAsLong();
        private long size = firstWindow;
        private long cursorsScanned;

        void scanned(long cursors) {
            cursorsScanned += cursors;
            long elapsed = Math.max(1, nanoTime.getAsLong() - start);
            long left = timePerPage.toNanos() - elapsed;
            double perCursor = (double) elapsed / cursorsScanned;
            long fits = (long) (left / perCursor);
            size = Math.max(firstWindow, Math.min(fits, size * GROWTH));
        }

        boolean timeIsUp() {
            return nanoTime.getAsLong() - start >= timePerPage.toNanos();
        }
    }
}
