package dev.runplane.ui.runs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.runplane.billing.CostQueries.CostSummary;
import dev.runplane.billing.Money;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.runs.RunQueries.SortField;
import java.util.Map;
import java.util.function.Function;

/** The columns of the runs grid; sort keys are {@link SortField} names, checked by the read model's whitelist. */
final class RunGridColumns {
    private RunGridColumns() {
    }

    static void configure(Grid<RunRow> grid, Map<Long, CostSummary> costs, Function<RunRow, Component> actions) {
        grid.setId("runs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(row -> new RouterLink(row.name(), RunDetailView.class,
                        new RouteParameters(Map.of("project", row.project(), "run", row.name()))))
                .setHeader("Name").setSortProperty(SortField.NAME.name()).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(row -> row.type().name().toLowerCase()).setHeader("Type")
                .setSortProperty(SortField.TYPE.name()).setAutoWidth(true);
        grid.addComponentColumn(row -> StatusBadge.of(row.status())).setHeader("Status")
                .setSortProperty(SortField.STATUS.name()).setAutoWidth(true);
        grid.addColumn(row -> row.runningReplicas() + " / " + row.desiredReplicas()).setHeader("Running / desired")
                .setAutoWidth(true);
        grid.addColumn(row -> Money.format(costs.getOrDefault(row.id(), CostSummary.NONE).burnRatePerHour()) + " /h")
                .setHeader("Burn rate").setAutoWidth(true);
        grid.addColumn(row -> Money.format(costs.getOrDefault(row.id(), CostSummary.NONE).total()))
                .setHeader("Cost so far").setAutoWidth(true);
        grid.addColumn(RunRow::submittedBy).setHeader("Submitted by").setSortProperty(SortField.SUBMITTED_BY.name())
                .setAutoWidth(true);
        grid.addColumn(row -> Times.format(row.submittedAt())).setHeader("Submitted")
                .setSortProperty(SortField.SUBMITTED_AT.name()).setAutoWidth(true);
        grid.addComponentColumn(actions::apply).setHeader("").setAutoWidth(true);
        grid.setSizeFull();
    }
}
