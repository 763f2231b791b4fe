package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import dev.runplane.base.Formats;
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
    private final Map<Long, RowView> rows = new HashMap<>();
    private List<Long> order = List.of();
    /** The rows shown by the last {@link #show}, in table order; a filter or page shows some of them. */
    private List<ReplicaPage.Entry> entries = List.of();
    private ReplicaPage page = ReplicaPage.ALL;
    private Consumer<ReplicaPage.View> onView = view -> {
    };
    private Map<Integer, ReplicaStats> stats = Map.of();
    private boolean mayRestart;
    private String currency = "";

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
                body.addRows(rows.computeIfAbsent(key, k -> new RowView()).row);
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

    private Optional<Point> latest(ReplicaRow row) {
        ReplicaStats s = stats.get(row.replicaNum());
        return s == null || s.submissionNum() != row.submissionNum() ? Optional.empty()
                : Optional.ofNullable(s.latest());
    }

    /** One submission's row; its cells are created once and then only changed. */
    private final class RowView {
        private final NativeTableRow row = new NativeTableRow();
        private final NativeTableCell replicaNum = cell();
        private final NativeTableCell submissionNum = cell();
        private final Span badge = new Span();
        private final NativeTableCell reason;
        private final NativeTableCell exitCode;
        private final NativeTableCell started;
        private final NativeTableCell uptime;
        private final NativeTableCell price;
        private final NativeTableCell host;
        private final NativeTableCell backendId;
        private final NativeTableCell cpu;
        private final NativeTableCell memory;
        private final Button restart;
        private final NativeTableCell message;
        private final Span messageText = new Span();
        private final Span countdown = new Span();
        private final NativeTableCell ready;
        private final NativeTableCell endpoint;
        private ReplicaRow shown;

        RowView() {
            row.addDataCell().add(badge);
            reason = cell();
            exitCode = cell();
            started = cell();
            uptime = cell();
            price = cell();
            host = cell();
            backendId = cell();
            if (current) {
                cpu = cell();
                memory = cell();
                restart = new Button("Restart", e -> {
                    if (shown != null && mayRestart && shown.status().isActive()) {
                        onRestart.accept(shown);
                    }
                });
                restart.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                restart.addClassName("replica-restart");
                row.addDataCell().add(restart);
            } else {
                cpu = null;
                memory = null;
                restart = null;
                // the history table's row action: this submission's log
                Button logs = new Button("Logs", e -> {
                    if (shown != null) {
                        onRestart.accept(shown);
                    }
                });
                logs.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                logs.addClassName("replica-logs");
                row.addDataCell().add(logs);
            }
            message = cell();
            message.addClassName("replica-message");
            countdown.addClassName("countdown");
            message.add(messageText, countdown);
            ready = current ? cell() : null;
            endpoint = current ? cell() : null;
            if (ready != null) {
                ready.addClassName("replica-ready");
            }
        }

        /** A service replica's readiness as the endpoint sees it, with the last probe failure; empty for a task. */
        private void showReadiness(ReplicaRow replica) {
            if (ready == null) {
                return;
            }
            if (replica == null || replica.endpoint() == null) {
                Redraw.text(ready, "");
                Redraw.text(endpoint, "");
                return;
            }
            boolean serving = replica.ready() && replica.status() == dev.runplane.replicas.ReplicaStatus.RUNNING;
            String failure = replica.probeFailure() == null ? "" : ": " + replica.probeFailure();
            Redraw.text(ready, serving ? "ready" : "not ready" + failure);
            Redraw.text(endpoint, replica.endpoint());
        }

        private NativeTableCell cell() {
            return row.addDataCell();
        }

        void show(Slot<ReplicaRow> slot, Instant now) {
            if (!row.hasClassName("replica-" + slot.replicaNum())) {
                row.addClassName("replica-" + slot.replicaNum());
            }
            ReplicaRow replica = slot.submission();
            shown = replica;
            Redraw.text(replicaNum, String.valueOf(slot.replicaNum()));
            showReadiness(replica);
            if (replica == null) {
                showPending(slot);
                return;
            }
            Redraw.text(submissionNum, String.valueOf(replica.submissionNum()));
            StatusBadge.show(badge, replica.status());
            Redraw.text(reason, replica.terminationReason() == null ? "" : replica.terminationReason().name());
            Redraw.text(exitCode, replica.exitCode() == null ? "" : replica.exitCode().toString());
            Redraw.text(started, Times.format(replica.startedAt()));
            Redraw.text(uptime, Times.uptime(replica.startedAt(), replica.finishedAt(), now));
            // an ended submission burns nothing: its price per hour would read as a cost still running
            Redraw.text(price, replica.pricePerHour() == null || !replica.status().isActive() ? "–"
                    : Formats.perHour(replica.pricePerHour(), currency));
            Redraw.text(host, replica.host() == null ? "" : replica.host());
            Redraw.text(backendId, replica.backendId() == null ? "" : replica.backendId());
            if (current) {
                Optional<Point> latest = latest(replica);
                Redraw.text(cpu, latest.map(s -> "%.1f %%".formatted(s.cpuPercent())).orElse("–"));
                Redraw.text(memory, latest.map(s -> Bytes.format(s.memoryBytes())).orElse("–"));
                Redraw.enabled(restart, mayRestart && replica.status().isActive());
            }
            String text = replica.statusMessage() == null ? "" : replica.statusMessage();
            Redraw.text(messageText, slot.counted() ? text : text.isEmpty() ? "leaving (not counted)"
                    : "leaving (not counted): " + text);
            showCountdown(null, "");
        }

        /** A slot without a live submission: why it waits, and for a retry a countdown the browser runs. */
        private void showPending(Slot<ReplicaRow> slot) {
            Redraw.text(submissionNum, "–");
            StatusBadge.show(badge, dev.runplane.runs.RunStatus.PENDING);
            Redraw.text(reason, "");
            Redraw.text(exitCode, "");
            Redraw.text(started, "");
            Redraw.text(uptime, "");
            Redraw.text(price, "–");
            Redraw.text(host, "");
            Redraw.text(backendId, "");
            if (current) {
                Redraw.text(cpu, "–");
                Redraw.text(memory, "–");
                Redraw.enabled(restart, false);
            }
            String text = slot.message() == null ? "" : slot.message();
            if (slot.nextAttemptAt() != null) {
                // the server's words end with "in N s" (or "starting"); the browser counts that part down itself
                int cut = text.lastIndexOf(" in ");
                int starting = text.lastIndexOf(" starting");
                int at = cut >= 0 ? cut : starting;
                Redraw.text(messageText, at >= 0 ? text.substring(0, at) : text);
                showCountdown(slot.nextAttemptAt(), at >= 0 ? text.substring(at) : "");
            } else {
                Redraw.text(messageText, text);
                showCountdown(null, "");
            }
        }

        /** The countdown's first words come from the server; after that only countdown.js changes them. */
        private void showCountdown(Instant at, String firstText) {
            String wanted = at == null ? null : Long.toString(at.toEpochMilli());
            if (!java.util.Objects.equals(countdown.getElement().getAttribute("data-countdown-to"), wanted)) {
                if (wanted == null) {
                    countdown.getElement().removeAttribute("data-countdown-to");
                } else {
                    countdown.getElement().setAttribute("data-countdown-to", wanted);
                }
                countdown.setText(firstText);
            }
        }
    }
}
