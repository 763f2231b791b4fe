package dev.runplane.ui.runs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.runplane.base.Formats;
import dev.runplane.runs.EventQueries.EventRow;
import java.time.Instant;
import java.util.List;

/** The run's timeline: who did what, from where (ui, api, cli, reconciler). */
final class EventsGrid extends Grid<EventRow> {
    EventsGrid() {
        setId("run-events");
        addThemeVariants(GridVariant.LUMO_COMPACT);
        setAllRowsVisible(true);
        // Change takes the width; the short columns get fixed ones so that Change is never the one cut off
        addColumn(LitRenderer.<EventRow>of("<span title=\"${item.at}\">${item.ago}</span>")
                .withProperty("ago", e -> Formats.ago(e.time(), Instant.now()))
                .withProperty("at", e -> Times.format(e.time()))).setHeader("Time").setWidth("7.5em").setFlexGrow(0);
        addColumn(EventRow::actor).setHeader("Who").setWidth("8em").setFlexGrow(0);
        addColumn(EventRow::source).setHeader("From").setWidth("6em").setFlexGrow(0);
        addColumn(EventRow::action).setHeader("What").setWidth("9em").setFlexGrow(0);
        addColumn(e -> (e.before() == null ? "" : e.before() + " → ") + (e.after() == null ? "" : e.after()))
                .setHeader("Change").setFlexGrow(1).setTooltipGenerator(e -> e.message() == null ? "" : e.message());
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
