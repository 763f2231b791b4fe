package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import dev.runplane.base.Formats;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.ui.base.Redraw;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of a {@link ReplicaTable}: one submission (or pending slot); its cells are created once and then only
 * changed, each through {@link Redraw} so that a text already shown is not sent again.
 */
final class ReplicaRowView {
    /** What a row reads from its table when it is shown. */
    interface Table {
        /** Whether the reader's role may restart replicas. */
        boolean mayRestart();

        /** The currency of the run's prices. */
        String currency();

        /** The replica's latest CPU and memory, when they are this submission's. */
        Optional<Point> latest(ReplicaRow row);

        /** The row's button: Restart in the current table, Logs in the history. */
        void act(ReplicaRow row);
    }

    private final boolean current;
    private final Table table;
    final NativeTableRow row = new NativeTableRow();
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

    ReplicaRowView(boolean current, Table table) {
        this.current = current;
        this.table = table;
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
                if (shown != null && table.mayRestart() && shown.status().isActive()) {
                    table.act(shown);
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
                    table.act(shown);
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
                : Formats.perHour(replica.pricePerHour(), table.currency()));
        Redraw.text(host, replica.host() == null ? "" : replica.host());
        Redraw.text(backendId, replica.backendId() == null ? "" : replica.backendId());
        if (current) {
            Optional<Point> latest = table.latest(replica);
            Redraw.text(cpu, latest.map(s -> "%.1f %%".formatted(s.cpuPercent())).orElse("–"));
            Redraw.text(memory, latest.map(s -> Bytes.format(s.memoryBytes())).orElse("–"));
            Redraw.enabled(restart, table.mayRestart() && replica.status().isActive());
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
