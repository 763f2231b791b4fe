package dev.runplane.ui.projects;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Formats;
import dev.runplane.base.NotFoundException;
import dev.runplane.billing.CostQueries;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.runs.EventQueries;
import dev.runplane.runs.EventQueries.EventRow;
import dev.runplane.runs.ProjectOverviewQueries;
import dev.runplane.runs.ProjectOverviewQueries.Attention;
import dev.runplane.runs.RunStatus;
import dev.runplane.ui.base.LiveView;
import dev.runplane.ui.base.LiveViewSupport;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriUtils;

/**
 * {@code /projects/{p}}: what is going on in a project at a glance — runs by status (each a filter link into the
 * runs list), what it burns and has cost today and this month (days in the browser's time zone, named on the page),
 * the runs that need attention, and the latest events. Live through Push like the runs list.
 */
@Route(value = "projects/:project", layout = MainLayout.class)
@PageTitle("Overview · Runplane")
@PermitAll
public class ProjectOverviewView extends VerticalLayout implements BeforeEnterObserver, LiveView {
    static final String RUN_LINK = "<a href=\"${item.href}\" router-link>${item.run}</a>";
    static final String TIME_TEMPLATE = "<span title=\"${item.at}\">${item.ago}</span>";

    private final String reader;
    private final ProjectAccess access;
    private final ProjectOverviewQueries overview;
    private final CostQueries costs;
    private final EventQueries events;
    private final LiveViewSupport live;
    private final Clock clock;
    private final H2 title = new H2();
    private final FlexLayout statusCounts = new FlexLayout();
    private final Span burnRate = new Span();
    private final Span costToday = new Span();
    private final Span costMonth = new Span();
    private final Span timeZone = new Span();
    private final SpendChart chart = new SpendChart();
    private final Grid<Attention> attention = new Grid<>();
    private final Grid<EventRow> recent = new Grid<>();
    private String project;
    private ZoneId zone = ZoneOffset.UTC;
    private Registration subscription;

    ProjectOverviewView(AuthenticationContext authentication, ProjectAccess access, ProjectOverviewQueries overview,
                        CostQueries costs, EventQueries events, LiveViewSupport live, Clock clock) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.access = access;
        this.overview = overview;
        this.costs = costs;
        this.events = events;
        this.live = live;
        this.clock = clock;
        setId("project-overview");
        statusCounts.setId("overview-status");
        statusCounts.addClassName("status-counts");
        statusCounts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        burnRate.setId("overview-burn-rate");
        costToday.setId("overview-cost-today");
        costMonth.setId("overview-cost-month");
        timeZone.setId("overview-time-zone");
        timeZone.addClassName("muted");
        Div money = new Div(fact("Burn rate", burnRate), fact("Cost today", costToday),
                fact("This month", costMonth));
        money.addClassName("overview-facts");
        configureAttention();
        configureRecent();
        add(title, statusCounts, money, timeZone, chart, new H3("Needs attention"), attention,
                new H3("Recent events"), recent);
    }

    private static Div fact(String label, Span value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        value.addClassName("fact-value");
        Div fact = new Div(name, value);
        fact.addClassName("fact");
        return fact;
    }

    private void configureAttention() {
        attention.setId("overview-attention");
        attention.addThemeVariants(GridVariant.LUMO_COMPACT);
        attention.setAllRowsVisible(true);
        attention.addColumn(LitRenderer.<Attention>of(RUN_LINK)
                        .withProperty("href", a -> runHref(a.run()))
                        .withProperty("run", Attention::run))
                .setHeader("Run").setWidth("12em").setFlexGrow(0).setFrozen(true);
        attention.addColumn(a -> a.concern().name().toLowerCase()
                        + (a.replica() == null ? "" : " · replica " + a.replica()))
                .setHeader("What").setWidth("11em").setFlexGrow(0);
        attention.addColumn(a -> a.reason() == null ? "" : a.reason()).setHeader("Reason").setFlexGrow(1)
                .setTooltipGenerator(a -> a.reason() == null ? "" : a.reason());
        attention.addColumn(time(Attention::since)).setHeader("Since").setWidth("7.5em").setFlexGrow(0);
        attention.setEmptyStateText("Nothing needs attention.");
    }

    private void configureRecent() {
        recent.setId("overview-events");
        recent.addThemeVariants(GridVariant.LUMO_COMPACT);
        recent.setAllRowsVisible(true);
        recent.addColumn(time(EventRow::time)).setHeader("Time").setWidth("7.5em").setFlexGrow(0);
        recent.addColumn(EventRow::actor).setHeader("Who").setWidth("8em").setFlexGrow(0);
        recent.addColumn(e -> e.run() == null ? "" : e.run()).setHeader("Run").setWidth("10em").setFlexGrow(0);
        recent.addColumn(e -> e.action().toLowerCase() + (e.after() == null ? "" : " → " + e.after()))
                .setHeader("What").setFlexGrow(1);
        recent.setEmptyStateText("No events yet.");
    }

    private <T> LitRenderer<T> time(java.util.function.Function<T, Instant> at) {
        return LitRenderer.<T>of(TIME_TEMPLATE)
                .withProperty("ago", row -> Formats.ago(at.apply(row), clock.instant()))
                .withProperty("at", row -> Formats.absolute(at.apply(row), zone));
    }

    private String runHref(String run) {
        return "projects/" + UriUtils.encodePathSegment(project, StandardCharsets.UTF_8) + "/runs/"
                + UriUtils.encodePathSegment(run, StandardCharsets.UTF_8);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        project = event.getRouteParameters().get("project").orElseThrow();
        if (access.roleOf(reader, project).isEmpty()) {
            NotFoundView.reroute(event, "project '" + project + "' not found");
            return;
        }
        title.setText("Overview · " + project);
        refresh();
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
            showStatusCounts(overview.runsByStatus(reader, project));
            String currency = costs.currency();
            burnRate.setText(Formats.perHour(costs.burnRateOfProject(reader, project), currency));
            Instant now = clock.instant();
            SpendChart.Month month = SpendChart.Month.of(costs, reader, project, now, zone);
            costToday.setText(Formats.money(month.today(), currency));
            costMonth.setText(Formats.money(month.total(), currency));
            timeZone.setText("Days run in " + zone.getId() + ", your browser's time zone.");
            chart.show(month, currency);
            attention.setItems(overview.needingAttention(reader, project, 20));
            recent.setItems(events.page(reader, project, null, 10, null).events());
        } catch (NotFoundException e) {
            // access was revoked meanwhile: show nothing more of the project
            getUI().ifPresent(ui -> ui.navigate(""));
        }
    }

    private void showStatusCounts(Map<RunStatus, Integer> counts) {
        statusCounts.removeAll();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        statusCounts.add(countLink("All", total, null));
        for (RunStatus status : List.of(RunStatus.values())) {
            int n = counts.getOrDefault(status, 0);
            if (n > 0) {
                statusCounts.add(countLink(status.name().toLowerCase(), n, status));
            }
        }
    }

    private RouterLink countLink(String label, int count, RunStatus status) {
        RouterLink link = new RouterLink();
        link.setText(label + " " + count);
        link.getElement().setAttribute("href", "projects/" + UriUtils.encodePathSegment(project,
                StandardCharsets.UTF_8) + "/runs" + (status == null ? "" : "?status=" + status.name()));
        link.getElement().setAttribute("router-link", true);
        link.addClassName("status-count");
        if (status != null) {
            link.addClassName("status-" + status.name().toLowerCase());
        }
        return link;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        subscription = live.subscribeToProject(attachEvent.getUI(), reader, () -> project, this::refresh);
        // days begin at midnight where the user is: ask the browser once, then redraw in its zone
        attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> {
            try {
                zone = ZoneId.of(details.getTimeZoneId());
            } catch (RuntimeException e) {
                zone = ZoneOffset.UTC;
            }
            refresh();
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
        }
    }
}
