package dev.runplane.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.runplane.audit.AuditQueries;
import dev.runplane.audit.AuditQueries.AuditPage;
import dev.runplane.audit.AuditQueries.AuditRow;
import dev.runplane.projects.ProjectService;
import dev.runplane.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The audit log, newest first: global administrators see everything, others the events of their projects
 * ({@link AuditQueries} decides). One bounded page; older events are reached by narrowing the filters.
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit · Runplane")
@PermitAll
class AuditView extends VerticalLayout {
    static final int PAGE = AuditQueries.MAX_LIMIT;
    private static final String NO_MATCH = "No audit events match.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String reader;
    private final AuditQueries audit;
    private final Select<String> project = new Select<>();
    private final TextField user = new TextField("User");
    private final TextField action = new TextField("Action starts with");
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC, inclusive)");
    private final Grid<AuditRow> grid = new Grid<>();
    private final Paragraph truncated = new Paragraph();
    /** A failed load says so: an error must never look like "no events match". */
    private final Paragraph loadError = new Paragraph();

    AuditView(AuthenticationContext authentication, AuditQueries audit, ProjectService projects) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.audit = audit;
        setSizeFull();
        project.setId("audit-project");
        project.setLabel("Project");
        project.setEmptySelectionAllowed(true);
        project.setEmptySelectionCaption("All projects");
        project.setItems(projects.projectNamesReadableBy(reader));
        user.setId("audit-user");
        action.setId("audit-action");
        action.setPlaceholder("e.g. DENIED");
        from.setId("audit-from");
        to.setId("audit-to");
        Button apply = new Button("Apply", e -> refresh());
        apply.setId("audit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button clear = new Button("Clear", e -> clearFilters());
        clear.setId("audit-clear");
        HorizontalLayout filters = new HorizontalLayout(project, user, action, from, to, apply, clear);
        filters.setId("audit-filters");
        filters.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        filters.setWrap(true);
        truncated.setId("audit-truncated");
        loadError.setId("audit-error");
        loadError.addClassName("error-text");
        loadError.setVisible(false);
        configureGrid();
        add(new H2("Audit log"), filters, loadError, truncated, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> TIME.format(r.time())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditRow::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditRow::source).setHeader("Source").setAutoWidth(true);
        grid.addColumn(AuditRow::project).setHeader("Project").setAutoWidth(true);
        grid.addColumn(AuditRow::run).setHeader("Run").setAutoWidth(true);
        grid.addColumn(AuditRow::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditRow::before).setHeader("Before").setAutoWidth(true);
        grid.addColumn(AuditRow::after).setHeader("After").setAutoWidth(true);
        grid.addColumn(AuditRow::message).setHeader("Message").setFlexGrow(1);
        grid.setEmptyStateText(NO_MATCH);
    }

    private void clearFilters() {
        project.clear();
        user.clear();
        action.clear();
        from.clear();
        to.clear();
        refresh();
    }

    private void refresh() {
        try {
            AuditPage page = audit.page(reader, new AuditQueries.Filter(project.getValue(), user.getValue(),
                    action.getValue(), startOf(from.getValue()), startOf(to.getValue() == null ? null
                    : to.getValue().plusDays(1)), PAGE, null));
            grid.setItems(page.events());
            truncated.setText("Showing the newest " + PAGE + " matching events; narrow the filters to see older ones.");
            truncated.setVisible(page.next() != null);
            loadError.setVisible(false);
            grid.setEmptyStateText(NO_MATCH);
        } catch (RuntimeException e) {
            grid.setItems();
            truncated.setVisible(false);
            String message = "Could not load the audit log: " + AdminErrors.message(e);
            loadError.setText(message);
            loadError.setVisible(true);
            grid.setEmptyStateText(message);
        }
    }

    private static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
