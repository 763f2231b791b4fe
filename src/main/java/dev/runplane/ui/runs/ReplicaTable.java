package dev.runplane.ui.runs;

import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableRow;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.ui.base.Redraw;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Replica submissions as a plain table: the current replicas (with Restart and latest CPU/memory), or the history.
 * Each submission keeps its row, and a redraw changes only the cells whose text changed. A run page shows every
 * replica and is redrawn at every change in every open browser; a data grid re-rendered and re-measured all its
 * rows each time, which was about a third of a browser's work per change (docs/benchmarks.md). A dumb component:
 * restart requests (current table) and "Logs" of a history row go to the listener the view gives.
 */
final class ReplicaTable extends NativeTable {
    private final boolean current;
    private final Clock clock;
    private final Consumer<ReplicaRow> onRestart;
    private final NativeTableBody body;
    /** By replica number (current table) or by submission (history): see {@link #keyOf}. */
    private final Map<Long, ReplicaRowView> rows = new HashMap<>();
    private List<Long> order = List.of();
    /** The rows shown by the last {@link #show}, in table order; a filter or page shows some of them. */
    private List<ReplicaPage.Entry> entries = List.of();
    private ReplicaPage page = ReplicaPage.ALL;
    private Consumer<ReplicaPage.View> onView = view -> {
    };
    private Map<Integer, ReplicaStats> stats = Map.of();
    private boolean mayRestart;
    private String currency = "";
    /** What each row reads from the table when it is shown. */
    private final ReplicaRowView.Table cells = new ReplicaRowView.Table() {
        @Override
        public boolean mayRestart() {
            return mayRestart;
        }

        @Override
        public String currency() {
            return currency;
        }

        @Override
        public Optional<Point> latest(ReplicaRow row) {
            ReplicaStats s = stats.get(row.replicaNum());
            return s == null || s.submissionNum() != row.submissionNum() ? Optional.empty()
                    : Optional.ofNullable(s.latest());
        }

        @Override
        public void act(ReplicaRow row) {
            onRestart.accept(row);
        }
    };

    ReplicaTable(String id, boolean current, Clock clock, Consumer<ReplicaRow> onRestart) {
        this.current = current;
        this.clock = clock;
        this.onRestart = onRestart;
        setId(id);
        addClassName("replica-table");
        NativeTableRow head = getHead().addRow();
        List<String> titles = new ArrayList<>(List.of("Replica", "Submission", "Status", "Reason", "Exit code",
                "Started", current ? "Uptime" : "Ran for", "Price", "Host", "Backend id"));
        if (current) {
            titles.addAll(List.of("CPU", "Memory", ""));
        } else {
            titles.add("");
        }
        titles.add("Message");
        if (current) {
            titles.addAll(List.of("Ready", "Endpoint"));
        }
        titles.forEach(title -> head.addHeaderCell().setText(title));
        body = getBody();
    }

    /** Whether the reader's role may restart replicas; takes effect at the next {@link #show}. */
    void setMayRestart(boolean mayRestart) {
        this.mayRestart = mayRestart;
    }

    /**
     * The current table keeps one row per slot, hidden while that slot is scaled away, so a replica scaled back (or
     * restarted, or retried) reuses its row and only changed texts are sent; a submission on its way out has a row
     * of its own next to its slot's. The history keeps one row per submission.
     */
    private long keyOf(Slot<ReplicaRow> slot) {
        return current ? slot.replicaNum() * 2L + (slot.counted() ? 0 : 1) : slot.submission().id();
    }

    /** The currency of the run's prices; takes effect at the next {@link #show}. */
    void setCurrency(String currency) {
        this.currency = currency == null ? "" : currency;
    }

    /** Shows history submissions in this order. */
    void showHistory(List<ReplicaRow> submissions) {
        show(submissions.stream().map(r -> new Slot<>(r.replicaNum(), ReplicaSlots.State.LIVE, r, r.statusMessage(),
                (Instant) null)).toList(), Map.of());
    }

    /** Shows these slots in this order; only what differs from the shown table is sent to the browser. */
    void show(List<Slot<ReplicaRow>> replicas, Map<Integer, ReplicaStats> latestStats) {
        this.stats = latestStats;
        Instant now = clock.instant();
        List<Long> keys = replicas.stream().map(this::keyOf).toList();
        if (!current) {
            rows.keySet().retainAll(keys);
        }
        List<Long> layout = current ? Stream.concat(rows.keySet().stream(), keys.stream())
                .distinct().sorted().toList() : keys;
        if (!layout.equals(order)) {
            // a row came or went: lay the rows out again, keeping each row (and its cells) that stays
            body.removeAllRows();
            for (long key : layout) {
                body.addRows(rows.computeIfAbsent(key, k -> new ReplicaRowView(current, cells)).row);
            }
            order = layout;
        }
        for (Slot<ReplicaRow> replica : replicas) {
            rows.get(keyOf(replica)).show(replica, now);
        }
        // table order (by key), as the rows are laid out, so a page is a run of rows the reader sees together
        entries = !current ? List.of() : replicas.stream().map(r -> new ReplicaPage.Entry(keyOf(r),
                ReplicaKind.of(r))).sorted(Comparator.comparingLong(ReplicaPage.Entry::key)).toList();
        reveal();
    }

    /** Whom to tell what the reader sees after each {@link #show}, filter or page turn (the table's toolbar). */
    void onView(Consumer<ReplicaPage.View> listener) {
        this.onView = listener;
    }

    /** Only the current replicas of this kind (all of them again when it is the kind shown, or null). */
    void showOnly(ReplicaKind kind) {
        page = kind == null ? ReplicaPage.ALL : page.showing(kind);
        reveal();
    }

    /** Another page of the current replicas, by this many pages. */
    void turnPage(int by) {
        page = page.turned(by);
        reveal();
    }

    /**
     * Hides and shows the kept rows for the filter and page: rows are never removed for them, so a row keeps its
     * place and cells, and only the rows whose visibility changed are sent. The history is neither filtered nor
     * paged.
     */
    private void reveal() {
        Set<Long> visible;
        if (current) {
            ReplicaPage.View view = page.view(entries);
            page = view.shown();
            visible = new HashSet<>(view.keys());
            onView.accept(view);
        } else {
            visible = new HashSet<>(order);
        }
        rows.forEach((key, view) -> Redraw.visible(view.row, visible.contains(key)));
    }
}
