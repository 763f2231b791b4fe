package dev.runplane.ui.runs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.RunplaneProperties;
import dev.runplane.base.Source;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.runs.RunDetails.RunDetail;
import dev.runplane.runs.RunService;
import dev.runplane.ui.base.LiveView;
import dev.runplane.ui.base.LiveViewSupport;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import dev.runplane.ui.base.Redraw;
import dev.runplane.ui.base.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run at {@code /projects/{project}/runs/{run}} — the same names the API and CLI use. Re-reads its snapshot on
 * every change notice (one read shared by every open page of the run, see {@link RunPageReads}) and pushes only
 * what changed; Stop/Abort go through the same {@link StopRunPresenter} as the runs list. The action buttons are
 * enabled only for a role that may operate runs (the reader's role is re-read on every refresh), so a VIEWER sees
 * them disabled; the services refuse anyway.
 */
@Route(value = "projects/:project/runs/:run", layout = MainLayout.class)
@PermitAll
public class RunDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle,
        StopRunPresenter.Display, ScaleRunPresenter.Display, LiveView {
    private final String reader;
    private final RunPageReads reads;
    private final RunService runService;
    private final LiveViewSupport live;
    private final Actor actor;
    private final StopRunPresenter stopPresenter;
    private final ScaleRunPresenter scalePresenter;
    private final RunHeader header;
    private final RunActionBar actions;
    private final ReplicaTable current;
    private final ReplicaTable history;
    private final EventsGrid eventGrid = new EventsGrid();
    private final ScaleConfirm scaleConfirm = new ScaleConfirm();
    private final RunExtras extras;
    private final ServicePanel servicePanel;
    private final Details historySection = new Details("History: scaled-down, replaced and finished submissions");
    private final Details currentSection = new Details();
    private final Span currentCounts = new Span("Replicas");
    private final TabSheet tabs = new TabSheet();
    private Tab statsTab;
    private Tab eventsTab;
    private String project;
    private String run;
    private RunPageSnapshot shownSnapshot;
    private boolean shownMayOperate;
    private Registration subscription;
    private boolean historyShownOnce;

    RunDetailView(AuthenticationContext authentication, RunPageReads reads, RunService runService,
                  LiveViewSupport live, Clock clock, RunExtras.Factory extrasFactory,
                  RunplaneProperties properties, dev.runplane.services.ServiceLinks serviceLinks,
                  dev.runplane.services.ServiceTokens serviceTokens, dev.runplane.services.ServiceUrls serviceUrls) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.reads = reads;
        this.runService = runService;
        this.live = live;
        this.actor = new Actor(reader, Source.UI);
        this.stopPresenter = new StopRunPresenter(runService, actor, this);
        this.scalePresenter = new ScaleRunPresenter(runService, actor, this);
        this.header = new RunHeader(clock);
        this.current = new ReplicaTable("replicas-current", true, clock,
                row -> Confirm.restart(run, row.replicaNum(), () -> restart(row.replicaNum())));
        this.history = new ReplicaTable("replicas-history", false, clock, this::showLogsOf);
        this.extras = extrasFactory.create(reader);
        this.servicePanel = new ServicePanel(reader, serviceLinks, serviceTokens, serviceUrls);
        this.actions = new RunActionBar(properties.runs().maxReplicas(), () -> stopPresenter.stop(project, run),
                () -> Confirm.abort(run, () -> stopPresenter.abort(project, run)), this::confirmScale,
                () -> showError("Enter a replica count"), this::showError);
        setWidthFull();
        add(header, actions, servicePanel, currentSection(), historySection(), tabs());
    }

    /**
     * The current replicas under a header that counts them by status, open by default, in a box of bounded height
     * that scrolls on its own: with 50 replicas the logs and stats below stay a short scroll away. The box is a
     * plain div around the same stable-row table (rows keep their place; only changed cells are sent); above it,
     * the counts again as buttons that filter the table, and its pages (a filter or page only hides rows).
     */
    private Details currentSection() {
        currentCounts.setId("replicas-counts");
        Div scroller = new Div(current);
        scroller.addClassName("replica-scroller");
        // a scrolling region must take focus so that keyboard users can scroll it (axe: scrollable-region-focusable)
        scroller.getElement().setAttribute("tabindex", "0");
        scroller.getElement().setAttribute("role", "region");
        scroller.getElement().setAttribute("aria-label", "Current replicas");
        ReplicaToolbar toolbar = new ReplicaToolbar(current::showOnly, by -> {
            current.turnPage(by);
            scroller.getElement().executeJs("this.scrollTop = 0"); // a new page starts at its first row
        });
        current.onView(toolbar::show);
        currentSection.setSummary(currentCounts);
        currentSection.add(toolbar, scroller);
        currentSection.setId("replicas-section");
        currentSection.addClassName("replicas-section");
        currentSection.setWidthFull();
        currentSection.setOpened(true);
        return currentSection;
    }

    /** Scales from the count and version this page shows: a change made meanwhile is reported as a conflict. */
    private void confirmScale(int wanted) {
        if (shownSnapshot == null) {
            return;
        }
        RunDetail shown = shownSnapshot.detail();
        scaleConfirm.open(run, shown.run().desiredReplicas(), wanted, shown.run().version(),
                version -> scalePresenter.scale(project, run, wanted, version));
    }

    /** A history row's "Logs": that submission's log in the Logs tab. */
    private void showLogsOf(dev.runplane.replicas.ReplicaQueries.ReplicaRow row) {
        tabs.setSelectedIndex(0);
        extras.showLogsOf(row.replicaNum(), row.submissionNum());
        extras.logs().scrollIntoView();
    }

    private Details historySection() {
        historySection.add(history);
        historySection.setId("replicas-history-section");
        historySection.setOpened(false);
        historySection.addOpenedChangeListener(e -> showHiddenParts());
        return historySection;
    }

    private TabSheet tabs() {
        tabs.setWidthFull();
        tabs.add("Logs", extras.logs());
        statsTab = tabs.add("Stats", extras.stats());
        eventsTab = tabs.add("Events", eventGrid);
        tabs.addSelectedChangeListener(e -> showHiddenParts());
        return tabs;
    }

    /**
     * The history, stats and events are drawn only while they can be seen (a closed section, an unselected tab):
     * whatever is sent to a hidden part is still rendered by every open browser at every change. Opening one draws
     * the snapshot the page shows.
     */
    private void showHiddenParts() {
        if (shownSnapshot == null) {
            return;
        }
        if (historySection.isOpened()) {
            history.showHistory(shownSnapshot.detail().replicas().history());
        }
        if (tabs.getSelectedTab() == statsTab) {
            extras.showStats(shownSnapshot.stats(), shownSnapshot.cost());
        }
        if (tabs.getSelectedTab() == eventsTab) {
            eventGrid.show(shownSnapshot.events());
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        project = event.getRouteParameters().get("project").orElseThrow();
        run = event.getRouteParameters().get("run").orElseThrow();
        try {
            reload();
        } catch (NotFoundException e) {
            NotFoundView.reroute(event, "run '" + run + "' not found in project '" + project + "'");
        }
    }

    @Override
    public String getPageTitle() {
        return (run == null ? "Run" : run) + " · Runplane";
    }

    /** Re-reads everything this page shows; nothing is patched from event payloads. */
    private void reload() {
        RunPageReads.ForReader read = reads.read(reader, project, run);
        RunPageSnapshot snapshot = read.snapshot();
        boolean mayOperate = read.role().canOperateRuns();
        if (snapshot == shownSnapshot && mayOperate == shownMayOperate) {
            return; // the same read this page already shows, for the same role: nothing to push
        }
        shownMayOperate = mayOperate;
        RunDetail detail = snapshot.detail();
        shownSnapshot = snapshot;
        header.show(detail, snapshot.cost());
        boolean active = !detail.run().status().isFinished();
        actions.show(detail.run().desiredReplicas(), lastScaledBy(snapshot), mayOperate, active);
        scaleConfirm.refresh(detail.run().desiredReplicas(), detail.run().version(), active);
        if (!active && !historyShownOnce) {
            // a finished run has nothing current: what there is to see is the history. Not for a live run scaled
            // to 0: an open history gains a row at every scale-down in every open browser (docs/benchmarks.md)
            historyShownOnce = true;
            historySection.setOpened(true);
        }
        current.setMayRestart(mayOperate);
        current.setCurrency(snapshot.cost().currency());
        history.setCurrency(snapshot.cost().currency());
        Redraw.text(currentCounts, "Replicas · " + ReplicaCounts.of(detail.replicas().current()).text());
        servicePanel.show(project, run, detail.run().type() == dev.runplane.runs.RunType.SERVICE, mayOperate);
        // one stats read per refresh, shared by the replica grid (latest values) and the stats panel (series)
        current.show(detail.replicas().current(), snapshot.stats().replicas().stream()
                .collect(Collectors.toMap(ReplicaStats::replicaNum, s -> s)));
        extras.show(project, run, detail);
        showHiddenParts();
    }

    /** Who changed the replica count last, from the events the page read anyway. */
    private static String lastScaledBy(RunPageSnapshot snapshot) {
        return snapshot.events().stream().filter(e -> "SCALED".equals(e.action())).map(e -> e.actor()).findFirst()
                .orElse(null);
    }

    @Override
    public void rereadAll() {
        shownSnapshot = null;
        actions.resetCount();
        safeReload();
    }

    private void safeReload() {
        try {
            reload();
        } catch (NotFoundException e) {
            getUI().ifPresent(ui -> ui.navigate(""));
        }
    }

    private void restart(int replicaNum) {
        try {
            runService.restartReplica(actor, project, run, replicaNum);
            Notification.show("Restarting replica " + replicaNum, 3000, Notification.Position.BOTTOM_START);
        } catch (RuntimeException e) {
            showError(UiErrors.message(e));
        }
    }

    @Override
    public void showStopRequested(String name, boolean abort) {
        Notification.show((abort ? "Abort" : "Stop") + " requested for " + name, 3000,
                Notification.Position.BOTTOM_START);
        safeReload();
    }

    @Override
    public void showScaled(String name, int count) {
        Notification.show("Scaling " + name + " to " + count, 3000, Notification.Position.BOTTOM_START);
        actions.resetCount();
        safeReload();
    }

    @Override
    public void showConflictAndReload(String message) {
        Notification notification = Notification.show(message, 5000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_WARNING);
        notification.setId("scale-conflict");
        shownSnapshot = null;
        actions.resetCount();
        safeReload();
    }

    @Override
    public void showError(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // a retry's countdown runs in the browser (frontend/countdown.js), never as a push every second
        attachEvent.getUI().getPage().addJavaScript("context://countdown.js");
        subscription = live.subscribeToRun(attachEvent.getUI(), reader, () -> project, () -> run, this::safeReload);
        safeReload();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
        }
    }
}
