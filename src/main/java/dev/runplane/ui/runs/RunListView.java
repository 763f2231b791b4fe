package dev.runplane.ui.runs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.Source;
import dev.runplane.billing.CostQueries;
import dev.runplane.billing.CostQueries.CostSummary;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.Role;
import dev.runplane.runs.RunQueries;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.runs.RunQueries.Sort;
import dev.runplane.runs.RunQueries.SortField;
import dev.runplane.runs.RunService;
import dev.runplane.runs.RunStatus;
import dev.runplane.ui.base.LiveView;
import dev.runplane.ui.base.LiveViewSupport;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import dev.runplane.ui.base.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project's runs: lazy grid with filtering and sorting in the database, live through Push. Stop and Abort use the
 * same {@link StopRunPresenter} as the run page; they and "Submit run" are offered only to a role that may operate
 * runs (re-read at every refresh, so a changed role shows at once).
 */
@Route(value = "projects/:project/runs", layout = MainLayout.class)
@PageTitle("Runs · Runplane")
@PermitAll
public class RunListView extends VerticalLayout implements BeforeEnterObserver, StopRunPresenter.Display,
        LiveView {
    private final String reader;
    private final RunQueries runQueries;
    private final CostQueries costs;
    private final ProjectAccess access;
    private final LiveViewSupport live;
    private final StopRunPresenter stopPresenter;
    private final RunService runService;
    private final Actor actor;
    private final RunFilterBar filters = new RunFilterBar();
    private final Grid<RunRow> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No runs here yet. Submit one, or create one over the API.");
    private final Map<Long, CostSummary> costOfVisibleRows = new ConcurrentHashMap<>();
    private final H2 title = new H2("Runs");
    private final RouterLink submit = new RouterLink();
    private String project;
    private boolean mayOperate;
    private Registration subscription;

    RunListView(AuthenticationContext authentication, RunQueries runQueries, CostQueries costs, RunService runService,
                ProjectAccess access, LiveViewSupport live, Clock clock) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.runQueries = runQueries;
        this.costs = costs;
        this.access = access;
        this.live = live;
        this.runService = runService;
        this.actor = new Actor(reader, Source.UI);
        this.stopPresenter = new StopRunPresenter(runService, actor, this);
        setSizeFull();
        empty.setId("runs-empty");
        submit.setText("Submit run");
        submit.setId("submit-run-link");
        HorizontalLayout header = new HorizontalLayout(title, submit);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.onChange(() -> grid.getDataProvider().refreshAll());
        RunGridColumns.configure(grid, costOfVisibleRows, costs.currency(), clock, new StopActions());
        add(header, filters, empty, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        project = event.getRouteParameters().get("project").orElseThrow();
        if (access.roleOf(reader, project).isEmpty()) {
            NotFoundView.reroute(event, "project '" + project + "' not found");
            return;
        }
        title.setText("Runs · " + project);
        // ?status=FAILED, as the overview's status counts link here
        event.getLocation().getQueryParameters().getSingleParameter("status")
                .flatMap(RunListView::status).ifPresent(filters::selectStatus);
        submit.setRoute(SubmitRunView.class, new RouteParameters("project", project));
        grid.setItems(query -> {
            Sort sort = sort(query.getSortOrders());
            List<RunRow> rows = runQueries.page(reader, project, filters.value(), sort, query.getOffset(),
                    query.getLimit());
            costOfVisibleRows.putAll(costs.summaries(rows.stream().map(RunRow::id).toList()));
            return rows.stream();
        }, query -> runQueries.count(reader, project, filters.value()));
        refresh();
    }

    private static java.util.Optional<RunStatus> status(String name) {
        try {
            return java.util.Optional.of(RunStatus.valueOf(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // an unknown status in a hand-typed link shows all runs
        }
    }

    private static Sort sort(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        if (orders.isEmpty()) {
            return Sort.NEWEST_FIRST;
        }
        var order = orders.getFirst();
        return new Sort(SortField.valueOf(order.getSorted()), order.getDirection() == SortDirection.ASCENDING);
    }

    @Override
    public void rereadAll() {
        refresh();
    }

    private void refresh() {
        if (project == null) {
            return;
        }
        try {
            mayOperate = access.roleOf(reader, project).map(Role::canOperateRuns).orElse(false);
            submit.setVisible(mayOperate);
            empty.setVisible(runQueries.isEmpty(reader, project));
            costOfVisibleRows.clear(); // the re-fetch brings the rows in view again; rows scrolled past go
            grid.getDataProvider().refreshAll();
        } catch (NotFoundException e) {
            // access was revoked between the notice and this refresh: show nothing more of the project
            getUI().ifPresent(ui -> ui.navigate(""));
        }
    }

    /** Rows are re-rendered at every refresh, so a changed role or status shows at once. */
    private final class StopActions implements RunGridColumns.RowActions {
        @Override
        public boolean operable(RunRow row) {
            return mayOperate && !row.status().isFinished();
        }

        // a client can call a template function even on a disabled button: ask again before acting
        @Override
        public void stop(RunRow row) {
            if (operable(row)) {
                stopPresenter.stop(row.project(), row.name());
            }
        }

        @Override
        public void abort(RunRow row) {
            if (operable(row)) {
                Confirm.abort(row.name(), () -> stopPresenter.abort(row.project(), row.name()));
            }
        }

        @Override
        public boolean deletable(RunRow row) {
            return mayOperate && row.status().isFinished();
        }

        @Override
        public void delete(RunRow row) {
            if (deletable(row)) {
                Confirm.delete(row.name(), () -> deleteRun(row));
            }
        }
    }

    private void deleteRun(RunRow row) {
        try {
            runService.delete(actor, row.project(), row.name());
            Notification.show("Deleted " + row.name(), 3000, Notification.Position.BOTTOM_START);
            refresh();
        } catch (RuntimeException e) {
            showError(UiErrors.message(e));
        }
    }

    @Override
    public void showStopRequested(String run, boolean abort) {
        Notification.show((abort ? "Abort" : "Stop") + " requested for " + run, 3000, Notification.Position.BOTTOM_START);
    }

    @Override
    public void showError(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        subscription = live.subscribeToProject(ui, reader, () -> project, this::refresh);
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
        }
    }
}
