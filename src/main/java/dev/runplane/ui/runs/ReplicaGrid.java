package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.runplane.billing.Money;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replica submissions as a grid: the current replicas (with restart buttons and latest CPU/memory), or the history.
 * A dumb component: restart requests go to the listener the view gives.
 */
final class ReplicaGrid extends Grid<ReplicaRow> {
    private Map<Integer, ReplicaStats> stats = Map.of();
    private boolean mayRestart;

    ReplicaGrid(String id, boolean current, Clock clock, Consumer<ReplicaRow> onRestart) {
        setId(id);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        addColumn(ReplicaRow::replicaNum).setHeader("Replica").setAutoWidth(true);
        addColumn(ReplicaRow::submissionNum).setHeader("Submission").setAutoWidth(true);
        addComponentColumn(r -> StatusBadge.of(r.status())).setHeader("Status").setAutoWidth(true);
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
            addComponentColumn(r -> {
                Button restart = new Button("Restart", e -> onRestart.accept(r));
                restart.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                restart.addClassName("replica-restart");
                restart.setEnabled(mayRestart && r.status().isActive());
                return restart;
            }).setAutoWidth(true);
        }
        addColumn(r -> r.statusMessage() == null ? "" : r.statusMessage()).setHeader("Message").setFlexGrow(1);
        setPartNameGenerator(r -> "replica-" + r.replicaNum());
    }

    /** Whether the reader's role may restart replicas; takes effect at the next {@link #show}. */
    void setMayRestart(boolean mayRestart) {
        this.mayRestart = mayRestart;
    }

    void show(List<ReplicaRow> rows, Map<Integer, ReplicaStats> latestStats) {
        this.stats = latestStats;
        setItems(rows);
    }

    private java.util.Optional<dev.runplane.metrics.StatsQueries.Point> latest(ReplicaRow row) {
        ReplicaStats s = stats.get(row.replicaNum());
        return s == null || s.submissionNum() != row.submissionNum() ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(s.latest());
    }
}
