package dev.runplane.ui.runs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.RunplaneProperties;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.runs.RunQueries;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.PushScheduler;
import dev.runplane.ui.base.RunChangeBroadcaster;
import dev.runplane.ui.base.ViewRefresher;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The runs the signed-in user can see, newest first. The grid is lazy (only visible rows are read) and live: every
 * committed change to a readable run makes the view re-read its rows and push them.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Runs · Runplane")
@PermitAll
class RunListView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String reader;
    private final RunQueries runQueries;
    private final ProjectAccess access;
    private final RunChangeBroadcaster broadcaster;
    private final PushScheduler scheduler;
    private final RunplaneProperties properties;
    private final Grid<RunRow> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No runs yet. Submit one over the API and it appears here.");
    private Registration subscription;

    RunListView(AuthenticationContext authentication, RunQueries runQueries, ProjectAccess access,
                RunChangeBroadcaster broadcaster, PushScheduler scheduler, RunplaneProperties properties) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.runQueries = runQueries;
        this.access = access;
        this.broadcaster = broadcaster;
        this.scheduler = scheduler;
        this.properties = properties;
        setSizeFull();
        add(new H2("Runs"), empty, grid);
        empty.setId("runs-empty");
        configureGrid();
        refresh();
    }

    private void configureGrid() {
        grid.setId("runs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(RunRow::project).setHeader("Project").setAutoWidth(true);
        grid.addColumn(RunRow::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(row -> row.type().name().toLowerCase()).setHeader("Type").setAutoWidth(true);
        grid.addComponentColumn(row -> StatusBadge.of(row.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(RunRow::desiredReplicas).setHeader("Desired replicas").setAutoWidth(true);
        grid.addColumn(RunRow::submittedBy).setHeader("Submitted by").setAutoWidth(true);
        grid.addColumn(row -> TIME.format(row.submittedAt())).setHeader("Submitted").setAutoWidth(true);
        grid.setItems(query -> runQueries.list(reader, query.getOffset(), query.getLimit()).stream(),
                query -> runQueries.count(reader));
        grid.setSizeFull();
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        empty.setVisible(runQueries.count(reader) == 0);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        var refresher = new ViewRefresher(attachEvent.getUI(), properties.ui().minPushInterval(),
                scheduler.executor(), this::refresh);
        subscription = broadcaster.subscribe(
                change -> access.roleOf(reader, change.project()).isPresent(),
                change -> refresher.requestRefresh());
        // a change may have landed between construction and attach
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }
}
