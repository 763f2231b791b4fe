package dev.runplane.ui.logs;

import dev.runplane.base.NotFoundException;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.runplane.base.NotFoundException;
import dev.runplane.logs.LiveTail;
import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.runplane.ui.base.Redraw;

/**
 * The logs of one run, embeddable in any view: a replica selector ("All replicas" merges the current replicas' lines
 * in storage order, each tagged {@code r<n>}; earlier submissions are listed after the current replicas), "Include
 * history" (earlier submissions merged in, for reading and search), Follow, search on the server, timestamps, "Load older" (also on
 * scrolling to the top) and a plain-text download of the selection. Follows the live tail only while attached, and
 * pushes new lines at most once per {@code minPushInterval}. Create one per run; call {@link #setReplicas} whenever
 * the run's current replicas change.
 */
public class LogPanel extends VerticalLayout {
    /** What to show: the run, who reads it (access is checked on every read), and its current replicas. */
    public record Target(String project, String run, String reader, List<ReplicaChoice> replicas) {
    }

    private static final int MAX_PENDING_LIVE_LINES = 5_000;

    private final LogPresenter presenter;
    private final LogToolbar toolbar;
    private final LogList list = new LogList();
    private final Span loading = state("log-loading", "Loading logs\u2026");
    private final Span empty = state("log-empty", "No log lines yet");
    private final Span notice = state("log-notice", "");
    private final Span searching = state("log-searching", "");
    private boolean olderAvailable;

    /** Paces pushes with a timer of its own; prefer the other constructor with the application's push timer. */
    public LogPanel(LogQueries logs, LiveTail tail, Target target) {
        this(logs, tail, target, SharedTimer.INSTANCE, Duration.ofMillis(250));
    }

    /**
     * @param timer           schedules the coalesced pushes (for example {@code PushScheduler.timer()})
     * @param minPushInterval the shortest time between two pushes of live lines ({@code runplane.ui.min-push-interval})
     */
    public LogPanel(LogQueries logs, LiveTail tail, Target target, ScheduledExecutorService timer,
                    Duration minPushInterval) {
        this(LogSource.of(logs, tail, target.reader(), target.project(), target.run()), target, timer,
                minPushInterval);
    }

    /**
     * A panel whose reloads of the newest lines are shared with the other open panels asking at the same moment
     * (the run page's; see {@link SharedLogReads}).
     */
    public LogPanel(LogQueries logs, SharedLogReads shared, LiveTail tail, Target target) {
        this(LogSource.of(logs, shared, tail, target.reader(), target.project(), target.run()), target,
                SharedTimer.INSTANCE, Duration.ofMillis(250));
    }

    LogPanel(LogSource source, Target target, ScheduledExecutorService timer, Duration minPushInterval) {
        DownloadHandler download = event -> {
            event.setFileName(presenter().downloadName());
            event.setContentType("text/plain; charset=utf-8");
            try (OutputStream out = event.getOutputStream()) {
                try {
                    presenter().download(out);
                } catch (NotFoundException e) {
                    // access was revoked while the page was open; the first read fails before a byte is written
                    event.getResponse().setStatus(404);
                    event.setContentType("text/plain; charset=utf-8");
                    out.write(("Not found: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        };
        toolbar = new LogToolbar(download, new LogToolbar.Listener() {
            @Override
            public void picked(LogPick pick) {
                presenter.select(pick);
            }

            @Override
            public void historyChanged(boolean includeHistory) {
                presenter.setHistory(includeHistory);
            }

            @Override
            public void followChanged(boolean follow) {
                presenter.setFollowing(follow);
            }

            @Override
            public void searchChanged(String query) {
                list.setHighlight(query);
                presenter.search(query);
            }

            @Override
            public void loadOlder() {
                presenter.loadOlder();
            }
        }, list::setShowTimestamps);
        setId("log-panel");
        addClassName("log-panel");
        setPadding(false);
        setSizeFull();
        add(toolbar, notice, loading, searching, empty, list);
        empty.setVisible(false);
        notice.setVisible(false);
        searching.setVisible(false);
        presenter = new LogPresenter(source, target.run(), target.replicas(),
                sink -> new LiveBatcher(minPushInterval, MAX_PENDING_LIVE_LINES, System::nanoTime,
                        (task, delay) -> timer.schedule(task, delay, TimeUnit.NANOSECONDS), sink),
                new View());
        list.onScrolledToTop(presenter::loadOlder);
    }

    /** The run's current replicas changed (scaled, restarted): the selector and what is followed follow suit. */
    public void setReplicas(List<ReplicaChoice> replicas) {
        presenter.setReplicas(replicas);
    }

    /** The run's current replicas and its earlier submissions ({@link ReplicaChoice#earlier}), which the picker offers too. */
    public void setReplicas(List<ReplicaChoice> replicas, List<ReplicaChoice> earlier) {
        presenter.setReplicas(replicas, earlier);
    }

    /** Shows one submission's log (a current or an earlier one, e.g. from a history row); it must have been set. */
    public void showSubmission(int replica, int submission) {
        presenter.select(new LogPick(replica, submission));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        presenter.start(task -> {
            try {
                ui.access(task::run);
            } catch (UIDetachedException e) {
                // the panel went away while lines were on their way
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        presenter.stop();
    }

    LogPresenter presenter() {
        return presenter;
    }

    LogList list() {
        return list;
    }

    LogToolbar toolbar() {
        return toolbar;
    }

    private static Span state(String id, String text) {
        Span span = new Span(text);
        span.setId(id);
        span.addClassName("log-state");
        return span;
    }

    /** The presenter's display; private so that the panel's public API stays small. */
    private final class View implements LogPresenter.Display {
        @Override
        public void showReplicas(List<ReplicaChoice> replicas, LogPick selected) {
            toolbar.showReplicas(replicas, selected);
        }

        @Override
        public void showHistory(boolean included) {
            toolbar.showHistory(included);
        }

        @Override
        public void showLoading(boolean shown) {
            Redraw.visible(loading, shown);
        }

        @Override
        public void showLines(List<LogLine> lines, boolean scrollToEnd) {
            list.show(lines, scrollToEnd);
            showMatches();
        }

        @Override
        public void linesAppended(boolean scrollToEnd) {
            list.appended(scrollToEnd);
            showMatches();
        }

        @Override
        public void linesPrepended(int count) {
            list.prepended(count);
            showMatches();
        }

        @Override
        public void showEmpty(String message) {
            Redraw.visible(empty, message != null);
            Redraw.text(empty, message == null ? "" : message);
        }

        @Override
        public void showFollowing(boolean following) {
            toolbar.showFollowing(following);
        }

        @Override
        public void showOlderAvailable(boolean available) {
            toolbar.showOlderAvailable(available);
            olderAvailable = available;
            showMatches();
        }

        /**
         * How many of the held lines match the search (each held line does: the server searched); "+" while older
         * lines have not been searched yet.
         */
        private void showMatches() {
            if (presenter == null) {
                return; // called while the presenter is being made
            }
            String query = presenter.selection().query();
            if (query == null || query.isBlank()) {
                toolbar.showMatches(null);
                return;
            }
            int count = list.lines().size();
            toolbar.showMatches(count + (olderAvailable ? "+" : "") + (count == 1 && !olderAvailable
                    ? " matching line" : " matching lines"));
        }

        @Override
        public void showNotice(String message) {
            Redraw.visible(notice, message != null);
            Redraw.text(notice, message == null ? "" : message);
        }

        @Override
        public void showSearching(String message) {
            Redraw.visible(searching, message != null);
            Redraw.text(searching, message == null ? "" : message);
        }

        @Override
        public void showReplicaTags(boolean shown) {
            list.setShowReplicaTags(shown);
        }
    }

    /** A daemon timer for panels created without the application's one. */
    private static final class SharedTimer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "log-panel-timer");
            thread.setDaemon(true);
            return thread;
        });
    }
}
