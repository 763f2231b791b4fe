package dev.runplane.ui.runs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.runplane.runs.EventQueries.EventRow;
import java.util.List;

/** The run's timeline: who did what, from where (ui, api, cli, reconciler). */
final class EventsGrid extends Grid<EventRow> {
    EventsGrid() {
        setId("run-events");
        addThemeVariants(GridVariant.LUMO_COMPACT);
        setAllRowsVisible(true);
        addColumn(e -> Times.format(e.time())).setHeader("Time").setAutoWidth(true);
        addColumn(EventRow::actor).setHeader("Who").setAutoWidth(true);
        addColumn(EventRow::source).setHeader("From").setAutoWidth(true);
        addColumn(EventRow::action).setHeader("What").setAutoWidth(true);
        addColumn(e -> (e.before() == null ? "" : e.before() + " → ") + (e.after() == null ? "" : e.after()))
                .setHeader("Change").setFlexGrow(1);
    }

    private List<EventRow> rows;

    /** Redraws only when the events changed: every redraw is sent to every open browser. */
    void show(List<EventRow> rows) {
        if (!rows.equals(this.rows)) {
            this.rows = List.copyOf(rows);
            setItems(this.rows);
        }
    }
}
