package dev.runplane.ui.logs;

import dev.runplane.logs.LogQueries;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One read of a run's newest log lines for all the open pages that ask for the same lines at the same moment. When
 * a run's current replicas change (every scale), each page following its log reloads the newest lines: with 20 pages
 * open that was the same three queries 20 times, a third of the time the pages' refreshes took
 * (docs/benchmarks.md, UI freshness).
 *
 * <p>A page joins only a read that has not begun: a page subscribes to the live tail before it asks, so a read it
 * gets began after its subscription and no line stored in between is in neither. While one read runs, the pages that
 * ask meanwhile wait for the next one, which begins when the running one ends and serves them all (20 pages asking
 * together cost two reads). Each page's own access is checked on every read; a shared read that fails is done again
 * by each page that waited for it, so one reader's failure (a membership revoked) never reaches another. The page
 * that runs a read is checked by it; one that joined is checked on its own before it gets the lines.
 */
@Component
public class SharedLogReads {
    /** What makes two reads the same: the run, and the request (replica, submission, limit, history). */
    record Key(String project, String run, LogRequest request) {
    }

    private final LogQueries logs;
    /** Reads begun, by key; guarded by this. */
    private final Map<Key, Flight> running = new HashMap<>();
    /** Reads waiting for the running one of their key, which pages may still join; guarded by this. */
    private final Map<Key, Flight> next = new HashMap<>();

    public SharedLogReads(LogQueries logs) {
        this.logs = logs;
    }

    /** Whether a request is a run's newest lines (what a reload after a scale asks); only those are shared. */
    static boolean shared(LogRequest request) {
        return request.after() == null && request.before() == null
                && (request.query() == null || request.query().isBlank());
    }

    /** The newest lines as {@code reader} may see them, read once for all who ask at the same moment. */
    public LogPage newest(String reader, String project, String run, LogRequest request) {
        Shared shared;
        try {
            shared = read(new Key(project, run, request), () -> logs.page(reader, project, run, request));
        } catch (SharedReadFailed e) {
            return logs.page(reader, project, run, request);
        }
        if (shared.joined() && !logs.canRead(reader, project, run)) {
            // the read was another reader's: this one's own access decides, and answers its own "not found"
            return logs.page(reader, project, run, request);
        }
        return shared.page();
    }

    /** A read's page, and whether this caller joined another's read (rather than running it). */
    record Shared(LogPage page, boolean joined) {
    }

    /**
     * The read behind {@link #newest}: {@code read} runs at once when no read of the key runs, or after the running
     * one, for every caller that asked before it began.
     *
     * @throws SharedReadFailed to the callers that waited for a read that failed (the one that ran it gets its error)
     */
    Shared read(Key key, Supplier<LogPage> read) {
        Flight flight;
        Flight before = null;
        boolean joined;
        synchronized (this) {
            flight = next.get(key);
            joined = flight != null;
            if (!joined) {
                flight = new Flight();
                before = running.get(key);
                (before == null ? running : next).put(key, flight);
            }
            flight.askers++;
        }
        if (joined) {
            return new Shared(flight.await(), true);
        }
        if (before != null) {
            before.awaitEnd(); // whoever asks meanwhile joins this read
            synchronized (this) {
                next.remove(key, flight);
                running.put(key, flight); // begun: no one joins it any more
            }
        }
        try {
            LogPage page = read.get();
            LogPage kept = new LogPage(List.copyOf(page.lines()), page.next(), page.prev(), page.partial());
            flight.result.complete(kept);
            return new Shared(kept, false);
        } catch (RuntimeException e) {
            flight.result.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                running.remove(key, flight);
            }
        }
    }

    /** How many callers wait for the next read of a key, the one not begun (for tests). */
    synchronized int waitingForNext(Key key) {
        Flight flight = next.get(key);
        return flight == null ? 0 : flight.askers;
    }

    /** One read and the pages waiting for it. */
    private static final class Flight {
        final CompletableFuture<LogPage> result = new CompletableFuture<>();
        /** Guarded by the enclosing instance. */
        int askers;

        LogPage await() {
            try {
                return result.get();
            } catch (ExecutionException e) {
                throw new SharedReadFailed(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SharedReadFailed(e);
            }
        }

        void awaitEnd() {
            try {
                result.get();
            } catch (ExecutionException e) {
                // its failure is its askers' business; this read begins now all the same
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A read this caller waited for failed; the caller reads on its own. */
    static final class SharedReadFailed extends RuntimeException {
        SharedReadFailed(Throwable cause) {
            super(cause);
        }
    }
}
