package dev.runplane.ui.logs;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the log panel shows and follows. Reads pages on the UI thread, follows the selected submissions through the
 * live tail while "Follow" is on (subscribed only while the panel is attached), and hands live lines to the UI in
 * coalesced batches. Confined to the UI thread except {@link #download}, which reads a snapshot.
 */
final class LogPresenter {
    static final int FIRST_PAGE = 1000;
    static final int OLDER_PAGE = 2000;
    static final int CAPACITY = 100_000;
    /** A search whose page was cut short by the server's time limit goes on by itself until this many lines show. */
    static final int SEARCH_ENOUGH = 200;

    interface Display {
        /** @param replicas the current replicas, then the earlier submissions */
        void showReplicas(List<ReplicaChoice> replicas, LogPick selected);

        void showHistory(boolean included);

        void showLoading(boolean loading);

        /** @param lines a live view of the held lines */
        void showLines(List<LogLine> lines, boolean scrollToEnd);

        void linesAppended(boolean scrollToEnd);

        void linesPrepended(int count);

        /** @param message null when there are lines */
        void showEmpty(String message);

        void showFollowing(boolean following);

        void showOlderAvailable(boolean available);

        /** @param message null for none */
        void showNotice(String message);

        /** @param message what a search that goes on by itself is doing; null when it is not running */
        void showSearching(String message);

        void showReplicaTags(boolean shown);
    }

    /**
     * What is read and followed: one replica's submission, or all current replicas (replica null); with history also
     * their earlier submissions. An earlier submission picked on its own is {@code pinned}: it is read as such.
     */
    record Selection(Integer replica, Integer submission, List<Long> submissionIds, String query, boolean history,
                     boolean pinned) {
        Selection(Integer replica, Integer submission, List<Long> submissionIds, String query) {
            this(replica, submission, submissionIds, query, false, false);
        }

        LogPick pick() {
            return replica == null ? LogPick.ALL : new LogPick(replica, pinned ? submission : null);
        }

        /** A page of this selection as the server reads it. */
        LogRequest request(Long after, Long before, int limit) {
            boolean wholeReplica = history && !pinned && replica != null;
            return new LogRequest(replica, wholeReplica ? null : submission, after, before, limit,
                    query == null || query.isBlank() ? null : query, history && !pinned);
        }
    }

    private final LogSource source;
    private final String run;
    private final LiveBatcher batcher;
    private final Display display;
    private final LogBuffer buffer = new LogBuffer(CAPACITY);
    /** What the live tail sends us, by submission id: each ends one subscription. */
    private final Map<Long, Runnable> subscriptions = new LinkedHashMap<>();
    /**
     * The submissions (replica and submission number) dropped from "all current replicas" since the last
     * subscription: lines of theirs already on their way through the batcher are not shown.
     */
    private final Set<List<Integer>> dropped = new HashSet<>();
    private List<ReplicaChoice> replicas;
    private List<ReplicaChoice> earlier = List.of();
    private volatile Selection selection;
    private boolean following = true;
    /**
     * Where reading further back continues: the last backward page's cursor (for a search, where its scan stopped);
     * null when the start of the log has been read.
     */
    private Long olderCursor;
    /** The load whose search goes on in slices by itself; 0 when none does. */
    private long searchingLoad;
    private volatile Consumer<Runnable> uiAccess;
    private long loads;

    /** @param batcherFactory makes the batcher that paces live lines into {@link #applyLive} */
    LogPresenter(LogSource source, String run, List<ReplicaChoice> replicas,
                 Function<Consumer<LiveBatcher.Batch>, LiveBatcher> batcherFactory, Display display) {
        this.source = source;
        this.run = run;
        this.display = display;
        this.batcher = batcherFactory.apply(batch -> {
            Consumer<Runnable> access = uiAccess;
            if (access == null) {
                return;
            }
            // the live tail serves anyone subscribed: whether this reader may still see the run is asked here,
            // off the UI thread, before anything of the batch reaches the browser
            if (source.mayRead()) {
                access.accept(() -> applyLive(batch));
            } else {
                access.accept(this::readAccessLost);
            }
        });
        this.replicas = List.copyOf(replicas);
        this.selection = selectionFor(LogPick.ALL, "", false);
        display.showReplicas(this.replicas, LogPick.ALL);
        display.showReplicaTags(true);
        display.showHistory(false);
        display.showFollowing(true);
    }

    /** On attach. @param uiAccess runs a task on the UI thread later (ui.access) */
    void start(Consumer<Runnable> uiAccess) {
        this.uiAccess = uiAccess;
        if (following) {
            subscribe();
        }
        reload();
    }

    /** On detach: nothing is followed while nobody looks. */
    void stop() {
        unsubscribe();
        uiAccess = null;
    }

    /** @param replica a current replica, or null for all of them */
    void select(Integer replica) {
        select(replica == null ? LogPick.ALL : new LogPick(replica, null));
    }

    /** Shows what was picked: all, a current replica, or an earlier submission (a history row's "Logs"). */
    void select(LogPick pick) {
        selection = selectionFor(pick, selection.query(), selection.history());
        display.showReplicas(choices(), selection.pick());
        display.showReplicaTags(showTags(selection));
        resubscribeAndReload();
    }

    /** Whether the earlier submissions (history) are read together with the current ones. */
    void setHistory(boolean include) {
        if (include == selection.history()) {
            return;
        }
        selection = selectionFor(selection.pick(), selection.query(), include);
        display.showHistory(include);
        display.showReplicaTags(showTags(selection));
        resubscribeAndReload();
    }

    void search(String query) {
        selection = selectionFor(selection.pick(), query == null ? "" : query.strip(), selection.history());
        reload();
    }

    void setFollowing(boolean follow) {
        if (follow == following) {
            return;
        }
        following = follow;
        display.showFollowing(follow);
        if (follow) {
            resubscribeAndReload();
        } else {
            unsubscribe();
        }
    }

    /** The run changed: replicas may have been added, removed or restarted. */
    void setReplicas(List<ReplicaChoice> newReplicas) {
        setReplicas(newReplicas, earlier);
    }

    /** The run changed: its current replicas and its earlier submissions (the history). */
    void setReplicas(List<ReplicaChoice> newReplicas, List<ReplicaChoice> newEarlier) {
        if (newReplicas.equals(replicas) && newEarlier.equals(earlier)) {
            return; // called on every refresh of the run page; only a changed set of replicas is news
        }
        List<ReplicaChoice> before = choices();
        replicas = List.copyOf(newReplicas);
        earlier = List.copyOf(newEarlier);
        Selection next = selectionFor(selection.pick(), selection.query(), selection.history());
        display.showReplicas(choices(), next.pick());
        display.showReplicaTags(showTags(next));
        Selection shown = selection;
        selection = next;
        if (!next.equals(shown) && !narrow(shown, next, before)) {
            resubscribeAndReload();
        }
    }

    /**
     * A scale-down (or a replica that ended) takes submissions out of "all current replicas": their lines are dropped
     * from those held and their live lines stop, and nothing is read again (a page reloading its newest lines at every
     * scale was a third of the server's work per page refresh with 20 pages open, docs/benchmarks.md).
     *
     * @return false when the selection did not just lose submissions (it was re-picked, gained one, a search is going
     *         on), or when the dropped lines were most of those held while older ones wait: then it is read again
     */
    private boolean narrow(Selection shown, Selection next, List<ReplicaChoice> before) {
        boolean sameReading = shown.replica() == null && next.replica() == null && !shown.pinned() && !next.pinned()
                && shown.history() == next.history() && Objects.equals(shown.query(), next.query())
                && searchingLoad == 0;
        if (!sameReading || !shown.submissionIds().containsAll(next.submissionIds())) {
            return false;
        }
        Set<Long> goneIds = new HashSet<>(shown.submissionIds());
        next.submissionIds().forEach(goneIds::remove);
        Set<List<Integer>> gone = new HashSet<>();
        before.stream().filter(c -> goneIds.contains(c.submissionId()))
                .forEach(c -> gone.add(key(c.replicaNum(), c.submissionNum())));
        long dropping = buffer.lines().stream().filter(l -> gone.contains(key(l))).count();
        if (olderCursor != null && dropping * 2 > buffer.size()) {
            return false; // what would be left is a few lines in front of a "load older": read the newest again
        }
        goneIds.forEach(id -> {
            Runnable unsubscribe = subscriptions.remove(id);
            if (unsubscribe != null) {
                unsubscribe.run();
            }
        });
        dropped.addAll(gone);
        if (dropping > 0) {
            buffer.removeIf(l -> gone.contains(key(l)));
            display.showLines(buffer.lines(), following);
            display.showEmpty(buffer.size() > 0 ? null : emptyMessage(next));
        }
        return true;
    }

    private static List<Integer> key(int replicaNum, int submissionNum) {
        return List.of(replicaNum, submissionNum);
    }

    private static List<Integer> key(LogLine line) {
        return key(line.replicaNum(), line.submissionNum());
    }

    void loadOlder() {
        Long before = query(selection) == null ? buffer.firstId() : olderCursor;
        if (olderCursor == null || before == null || uiAccess == null || searchingLoad != 0) {
            return;
        }
        setFollowing(false);
        readOlder(before);
    }

    /** Reads one page before the cursor into the buffer; @return the page, or null when it could not be read */
    private LogPage readOlder(long before) {
        Selection s = selection;
        try {
            LogPage page = source.page(s.request(null, before, OLDER_PAGE));
            olderCursor = page.prev();
            int added = buffer.addOlder(page.lines());
            display.linesPrepended(added);
            display.showOlderAvailable(olderCursor != null && buffer.size() < buffer.capacity());
            if (buffer.size() == buffer.capacity()) {
                display.showNotice("Showing " + CAPACITY + " lines at most; Download has them all.");
            }
            if (buffer.size() > 0) {
                display.showEmpty(null);
            }
            return page;
        } catch (RuntimeException e) {
            display.showNotice("Could not read older lines: " + e.getMessage());
            return null;
        }
    }

    /**
     * The server answers a search page after a bounded scan, so a rare term's first page may hold few lines or none.
     * The search then goes on by itself, one page per UI task (other updates of the page get their turn between
     * them), until enough lines show, the start of the log is reached, or the selection or search changes.
     */
    private void searchOn(long load) {
        searchingLoad = load;
        display.showSearching("Searching older lines for \u201c" + selection.query() + "\u201d\u2026 "
                + buffer.size() + (buffer.size() == 1 ? " match" : " matches") + " so far");
        uiAccess.accept(() -> {
            if (load != loads || searchingLoad != load || uiAccess == null) {
                return;
            }
            LogPage page = olderCursor == null ? null : readOlder(olderCursor);
            if (page != null && page.partial() && buffer.size() < SEARCH_ENOUGH) {
                searchOn(load);
            } else {
                endSearch();
            }
        });
    }

    private void endSearch() {
        searchingLoad = 0;
        display.showSearching(null);
        Selection s = selection;
        if (buffer.size() == 0 && query(s) != null) {
            display.showEmpty(emptyMessage(s));
        }
    }

    /**
     * Writes the selection (replica, history and search) as plain text, oldest first, after a header of lines
     * starting with {@code #} that names the submissions it holds; any thread.
     */
    void download(OutputStream out) throws IOException {
        Selection s = selection;
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = downloadHeader(s);
        long cursor = 0;
        while (true) {
            LogPage page = source.page(s.request(cursor, null, LogQueries.MAX_LIMIT));
            // after the first read: a reader who lost access gets a refusal, not a header
            for (String line : header) {
                writer.write(line + "\n");
            }
            header = List.of();
            for (LogLine line : page.lines()) {
                writer.write(line.time() + " replica-" + line.replicaNum() + "#" + line.submissionNum() + " "
                        + line.stream() + " " + line.text() + "\n");
            }
            if (page.lines().size() < LogQueries.MAX_LIMIT && !page.partial()) {
                break; // a search page cut short by its time is not the end: go on from where it stopped
            }
            cursor = page.next();
        }
        writer.flush();
    }

    private List<String> downloadHeader(Selection s) {
        List<String> held = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (ReplicaChoice choice : choices()) {
            if (s.submissionIds().contains(choice.submissionId())) {
                held.add("#   " + choice.label());
            }
        }
        String what = s.pinned() ? "an earlier submission" : (s.replica() == null ? "all current replicas"
                : "replica " + s.replica()) + (s.history() ? " and their earlier submissions" : "");
        lines.add("# Runplane log of " + run + ": " + what + (query(s) == null ? "" : ", lines containing \u201c"
                + s.query() + "\u201d"));
        lines.add("# " + held.size() + (held.size() == 1 ? " submission:" : " submissions:"));
        lines.addAll(held);
        lines.add("# each line: <time> replica-<replica>#<submission> <stream> <text>");
        return lines;
    }

    String downloadName() {
        Selection s = selection;
        return run + (s.replica() == null ? "" : "-replica-" + s.replica())
                + (s.pinned() ? "-submission-" + s.submission() : "") + (s.history() && !s.pinned() ? "-history" : "")
                + ".log";
    }

    Selection selection() {
        return selection;
    }

    List<LogLine> lines() {
        return buffer.lines();
    }

    void applyLive(LiveBatcher.Batch batch) {
        if (!following || uiAccess == null || batch.epoch() != batcher.epoch()) {
            return;
        }
        String q = query(selection);
        List<LogLine> lines = batch.lines().stream()
                .filter(l -> q == null || l.text().contains(q)) // exactly the server's search: case-sensitive substring
                .filter(l -> dropped.isEmpty() || !dropped.contains(key(l)))
                .toList();
        if (!lines.isEmpty()) {
            buffer.addNewer(lines);
            display.linesAppended(true);
            display.showEmpty(null);
        }
        if (batch.skipped() > 0) {
            display.showNotice(batch.skipped() + " lines arrived too fast to show; Download has them all.");
        }
    }

    /** The reader may no longer see the run (membership revoked, run deleted): stop following, keep nothing new. */
    void readAccessLost() {
        if (uiAccess == null) {
            return;
        }
        unsubscribe();
        following = false;
        display.showFollowing(false);
        display.showNotice("Live lines stopped: this run is no longer visible to you.");
    }

    private void resubscribeAndReload() {
        if (following && uiAccess != null) {
            subscribe();
        }
        reload();
    }

    private void subscribe() {
        unsubscribe();
        long epoch = batcher.reset();
        for (long id : selection.submissionIds()) {
            subscriptions.put(id, source.subscribe(id, lines -> batcher.offer(epoch, lines)));
        }
    }

    private void unsubscribe() {
        subscriptions.values().forEach(Runnable::run);
        subscriptions.clear();
        dropped.clear(); // the batcher's reset drops whatever was on its way
        batcher.reset();
    }

    private void reload() {
        if (uiAccess == null) {
            return;
        }
        long load = ++loads;
        if (searchingLoad != 0) {
            searchingLoad = 0;
            display.showSearching(null);
        }
        display.showLoading(true);
        uiAccess.accept(() -> {
            if (load == loads) {
                loadNewest(load);
            }
        });
    }

    private void loadNewest(long load) {
        Selection s = selection;
        display.showNotice(null);
        boolean searchGoesOn = false;
        try {
            LogPage page = source.page(s.request(null, null, FIRST_PAGE));
            buffer.replace(page.lines());
            olderCursor = page.prev();
            searchGoesOn = page.partial() && olderCursor != null && buffer.size() < SEARCH_ENOUGH;
        } catch (RuntimeException e) {
            buffer.clear();
            olderCursor = null;
            display.showNotice("Could not read logs: " + e.getMessage());
        }
        display.showLoading(false);
        display.showLines(buffer.lines(), true);
        display.showOlderAvailable(olderCursor != null);
        display.showEmpty(buffer.size() > 0 || searchGoesOn ? null : emptyMessage(s));
        if (searchGoesOn) {
            searchOn(load);
        }
    }

    private static String emptyMessage(Selection s) {
        return query(s) == null ? "No log lines yet" : "No lines match \u201c" + s.query() + "\u201d";
    }

    private Selection selectionFor(LogPick picked, String query, boolean history) {
        boolean isCurrent = replicas.stream().anyMatch(c -> picked.submission() != null
                && c.replicaNum() == picked.replica() && c.submissionNum() == picked.submission());
        // a current submission is read as its replica
        LogPick pick = isCurrent ? new LogPick(picked.replica(), null) : picked;
        if (pick.submission() != null) {
            for (ReplicaChoice choice : choices()) {
                if (choice.replicaNum() == pick.replica() && choice.submissionNum() == pick.submission()) {
                    return new Selection(pick.replica(), pick.submission(), List.of(choice.submissionId()), query,
                            history, true);
                }
            }
        } else if (pick.replica() != null) {
            for (ReplicaChoice choice : replicas) {
                if (choice.replicaNum() == pick.replica()) {
                    List<Long> ids = new ArrayList<>(List.of(choice.submissionId()));
                    if (history) {
                        earlier.stream().filter(e -> e.replicaNum() == pick.replica())
                                .forEach(e -> ids.add(e.submissionId()));
                    }
                    return new Selection(pick.replica(), choice.submissionNum(), List.copyOf(ids), query, history,
                            false);
                }
            }
        }
        // all current replicas, also when the picked replica or submission is gone
        List<Long> ids = (history ? choices() : replicas).stream().map(ReplicaChoice::submissionId).toList();
        return new Selection(null, null, ids, query, history, false);
    }

    /** The current replicas, then the earlier submissions: what the picker offers. */
    private List<ReplicaChoice> choices() {
        if (earlier.isEmpty()) {
            return replicas;
        }
        List<ReplicaChoice> all = new ArrayList<>(replicas);
        all.addAll(earlier);
        return all;
    }

    /** Lines are tagged with their replica (and submission) whenever more than one submission is shown. */
    private static boolean showTags(Selection s) {
        return s.replica() == null || s.history() && !s.pinned();
    }

    private static String query(Selection s) {
        return s.query() == null || s.query().isBlank() ? null : s.query();
    }
}
