package dev.runplane.ui.runs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.runplane.billing.Money;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replica submissions as a grid: the current replicas (with restart buttons and latest CPU/memory), or the history.
 * A dumb component: restart requests go to the listener the view gives.
 */
final class ReplicaGrid extends Grid<ReplicaRow> {
    /** How often the uptime column is redrawn while nothing else changes. */
    private static final Duration UPTIME_REDRAW = Duration.ofSeconds(5);
    private static final String RESTART_TEMPLATE = "<vaadin-button class=\"replica-restart\" theme=\"small tertiary\" "
            + "?disabled=${!item.restartable} @click=${restart}>Restart</vaadin-button>";

    private final boolean current;
    private final Clock clock;
    private Map<Integer, ReplicaStats> stats = Map.of();
    private List<ReplicaRow> rows;
    private Instant drawnAt = Instant.MIN;
    private boolean mayRestart;

    ReplicaGrid(String id, boolean current, Clock clock, Consumer<ReplicaRow> onRestart) {
        this.current = current;
        this.clock = clock;
        setId(id);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        addColumn(ReplicaRow::replicaNum).setHeader("Replica").setAutoWidth(true);
        addColumn(ReplicaRow::submissionNum).setHeader("Submission").setAutoWidth(true);
        addColumn(LitRenderer.<ReplicaRow>of(StatusBadge.TEMPLATE)
                .withProperty("statusClass", r -> StatusBadge.cssClass(r.status()))
                .withProperty("status", r -> r.status().name())).setHeader("Status").setAutoWidth(true);
        addColumn(r -> r.terminationReason() == null ? "" : r.terminationReason().name()).setHeader("Reason")
                .setAutoWidth(true);
        addColumn(r -> r.exitCode() == null ? "" : r.exitCode().toString()).setHeader("Exit code").setAutoWidth(true);
        addColumn(r -> Times.format(r.startedAt())).setHeader("Started").setAutoWidth(true);
        addColumn(r -> Times.uptime(r.startedAt(), r.finishedAt(), clock.instant())).setHeader(current ? "Uptime"
                : "Ran for").setAutoWidth(true);
        addColumn(r -> r.pricePerHour() == null ? "" : Money.format(r.pricePerHour()) + " /h").setHeader("Price")
                .setAutoWidth(true);
        if (current) {
            addColumn(r -> latest(r).map(s -> "%.1f %%".formatted(s.cpuPercent())).orElse("–")).setHeader("CPU")
                    .setAutoWidth(true);
            addColumn(r -> latest(r).map(s -> Bytes.format(s.memoryBytes())).orElse("–")).setHeader("Memory")
                    .setAutoWidth(true);
            // a template, not a component per row: every redraw of the grid is re-rendered by every open browser
            addColumn(LitRenderer.<ReplicaRow>of(RESTART_TEMPLATE)
                    .withProperty("restartable", this::restartable)
                    .withFunction("restart", r -> {
                        if (restartable(r)) { // a client can call the function even while the button is disabled
                            onRestart.accept(r);
                        }
                    })).setAutoWidth(true);
        }
        addColumn(r -> r.statusMessage() == null ? "" : r.statusMessage()).setHeader("Message").setFlexGrow(1);
        setPartNameGenerator(r -> "replica-" + r.replicaNum());
    }

    private boolean restartable(ReplicaRow row) {
        return mayRestart && row.status().isActive();
    }

    /** Whether the reader's role may restart replicas; takes effect at the next {@link #show}. */
    void setMayRestart(boolean mayRestart) {
        if (mayRestart != this.mayRestart) {
            this.mayRestart = mayRestart;
            this.rows = null; // the buttons change: the next show redraws even if the rows did not
        }
    }

    /** Redraws only when something shown changed: every redraw is sent to every open browser. */
    void show(List<ReplicaRow> rows, Map<Integer, ReplicaStats> latestStats) {
        Instant now = clock.instant();
        boolean uptimeStale = current && !rows.isEmpty() && now.isAfter(drawnAt.plus(UPTIME_REDRAW));
        if (rows.equals(this.rows) && latestStats.equals(this.stats) && !uptimeStale) {
            return;
        }
        this.rows = List.copyOf(rows);
        this.stats = latestStats;
        this.drawnAt = now;
        setItems(this.rows);
    }

    private Optional<Point> latest(ReplicaRow row) {
        ReplicaStats s = stats.get(row.replicaNum());
        return s == null || s.submissionNum() != row.submissionNum() ? Optional.empty()
                : Optional.ofNullable(s.latest());
    }
}
