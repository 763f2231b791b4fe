package dev.runplane.ui.runs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.runplane.billing.CostQueries.CostSummary;
import dev.runplane.base.Formats;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.runs.RunQueries.SortField;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.springframework.web.util.UriUtils;

/**
 * The columns of the runs grid; sort keys are {@link SortField} names, checked by the read model's whitelist.
 *
 * <p>Name, status and actions are Lit templates rather than component columns: a component per cell costs a
 * server-side component tree and its DOM sync for every fetched row, which made scrolling, sorting and filtering
 * 100,000 runs slow. Every value is bound with {@code ${item.…}} as text or attribute value, which Lit escapes, so a
 * name like {@code <script>} shows literally. Links carry {@code router-link} and a path relative to the app root,
 * exactly as {@code RouterLink} renders them.
 */
final class RunGridColumns {
    static final String NAME_TEMPLATE = "<a href=\"${item.href}\" router-link>${item.name}</a>";
    static final String AGE_TEMPLATE = "<span title=\"submitted ${item.at}\">${item.age}</span>";
    /**
     * At most two small buttons per row, so the grid fits 1280 px with the drawer open: Stop and Abort while a run
     * is unfinished, Delete once it is. (A menu-bar per row was tried: its sub-menu did not open reliably inside the
     * grid's cells, and a Stop that silently does nothing is the bug this product exists to prevent.)
     */
    static final String ACTIONS_TEMPLATE = """
            <span class="run-actions">${item.finished\
            ? html`<vaadin-button class="run-delete" theme="tertiary small" ?disabled="${!item.deletable}" \
            @click="${remove}">Delete</vaadin-button>`\
            : html`<vaadin-button class="run-stop" theme="tertiary small" ?disabled="${!item.operable}" \
            @click="${stop}">Stop</vaadin-button><vaadin-button class="run-abort" theme="tertiary error small" \
            ?disabled="${!item.operable}" @click="${abort}">Abort</vaadin-button>`}</span>""";

    /** What Stop, Abort and Delete do, and whether a row offers them; the view decides, the columns only render. */
    interface RowActions {
        boolean operable(RunRow row);

        /** Finished runs may be deleted by roles that operate runs. */
        boolean deletable(RunRow row);

        void delete(RunRow row);

        void stop(RunRow row);

        void abort(RunRow row);
    }

    private RunGridColumns() {
    }

    static void configure(Grid<RunRow> grid, Map<Long, CostSummary> costs, String currency, Clock clock,
                          RowActions actions) {
        grid.setId("runs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        // the name stays in view when the grid scrolls sideways (phones)
        grid.addColumn(name()).setKey("name").setHeader("Name").setSortProperty(SortField.NAME.name())
                .setAutoWidth(true).setFlexGrow(1).setFrozen(true);
        grid.addColumn(row -> row.type().name().toLowerCase()).setHeader("Type")
                .setSortProperty(SortField.TYPE.name()).setAutoWidth(true);
        grid.addColumn(status()).setKey("status").setHeader("Status").setSortProperty(SortField.STATUS.name())
                .setAutoWidth(true);
        grid.addColumn(row -> row.runningReplicas() + " / " + row.desiredReplicas()).setHeader("Replicas")
                .setTooltipGenerator(row -> row.runningReplicas() + " running of " + row.desiredReplicas()
                        + " desired").setAutoWidth(true);
        grid.addColumn(row -> Formats.perHour(costs.getOrDefault(row.id(), CostSummary.NONE).burnRatePerHour(),
                currency)).setHeader("Burn rate").setAutoWidth(true);
        grid.addColumn(row -> Formats.money(costs.getOrDefault(row.id(), CostSummary.NONE).total(), currency))
                .setHeader("Cost").setAutoWidth(true);
        grid.addColumn(RunRow::submittedBy).setHeader("By").setSortProperty(SortField.SUBMITTED_BY.name())
                .setAutoWidth(true);
        grid.addColumn(age(clock)).setKey("age").setHeader("Age").setSortProperty(SortField.SUBMITTED_AT.name())
                .setAutoWidth(true);
        grid.addColumn(actions(actions)).setKey("actions").setHeader("Actions").setWidth("9.5em").setFlexGrow(0);
        grid.setSizeFull();
    }

    static LitRenderer<RunRow> name() {
        return LitRenderer.<RunRow>of(NAME_TEMPLATE)
                .withProperty("href", RunGridColumns::href)
                .withProperty("name", RunRow::name);
    }

    /** "5 min ago", with the absolute time on hover. */
    static LitRenderer<RunRow> age(Clock clock) {
        return LitRenderer.<RunRow>of(AGE_TEMPLATE)
                .withProperty("age", row -> Formats.ago(row.submittedAt(), clock.instant()))
                .withProperty("at", row -> Times.format(row.submittedAt()));
    }

    static LitRenderer<RunRow> status() {
        return LitRenderer.<RunRow>of(StatusBadge.TEMPLATE)
                .withProperty("statusClass", row -> StatusBadge.cssClass(row.status()))
                .withProperty("status", row -> row.status().name());
    }

    /** The buttons are only a view of {@code operable}: the view checks it again when a function is called. */
    static LitRenderer<RunRow> actions(RowActions actions) {
        return LitRenderer.<RunRow>of(ACTIONS_TEMPLATE)
                .withProperty("href", RunGridColumns::href)
                .withProperty("operable", actions::operable)
                .withProperty("deletable", actions::deletable)
                .withProperty("finished", row -> row.status().isFinished())
                .withFunction("stop", actions::stop)
                .withFunction("abort", actions::abort)
                .withFunction("remove", actions::delete);
    }

    /** The run page's path, as {@code RouterLink} would write it for {@link RunDetailView}, segments encoded. */
    static String href(RunRow row) {
        return "projects/" + UriUtils.encodePathSegment(row.project(), StandardCharsets.UTF_8)
                + "/runs/" + UriUtils.encodePathSegment(row.name(), StandardCharsets.UTF_8);
    }
}
