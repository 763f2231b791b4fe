package dev.runplane.ui.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import dev.runplane.base.RunplaneProperties;
import dev.runplane.projects.ProjectAccess;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Wires a view to live updates the same way everywhere: subscribe on attach, unsubscribe on detach, re-check read
 * access on every notice (a revoked role stops updates at once), coalesce to at most one refresh per
 * {@code runplane.ui.min-push-interval}, and refresh every few seconds anyway so money that accrues over time (cost
 * so far) stays current.
 */
@Component
public class LiveViewSupport {
    private static final Duration PERIODIC = Duration.ofSeconds(5);

    private final RunChangeBroadcaster broadcaster;
    private final PushScheduler scheduler;
    private final ProjectAccess access;
    private final Duration minInterval;

    LiveViewSupport(RunChangeBroadcaster broadcaster, PushScheduler scheduler, ProjectAccess access,
                    RunplaneProperties properties) {
        this.broadcaster = broadcaster;
        this.scheduler = scheduler;
        this.access = access;
        this.minInterval = properties.ui().minPushInterval();
    }

    /** Refreshes on any change to a run of the project. */
    public Registration subscribeToProject(UI ui, String reader, Supplier<String> project, Runnable refresh) {
        return subscribe(ui, reader, project, null, refresh);
    }

    /** Refreshes on changes to one run. */
    public Registration subscribeToRun(UI ui, String reader, Supplier<String> project, Supplier<String> run,
                                       Runnable refresh) {
        return subscribe(ui, reader, project, run, refresh);
    }

    private Registration subscribe(UI ui, String reader, Supplier<String> project, Supplier<String> run,
                                   Runnable refresh) {
        Executor uiAccess = task -> {
            if (ui.isAttached()) {
                ui.access(task::run);
            }
        };
        ViewRefresher refresher = new ViewRefresher(uiAccess, minInterval, scheduler.timer(), scheduler.workers(),
                refresh);
        Registration changes = broadcaster.subscribe(
                change -> change.project().equals(project.get())
                        && (run == null || change.run().equals(run.get()))
                        && access.roleOf(reader, change.project()).isPresent(),
                change -> refresher.requestRefresh());
        ScheduledFuture<?> periodic = scheduler.timer().scheduleWithFixedDelay(() -> scheduler.workers().execute(() -> {
            if (project.get() != null && access.roleOf(reader, project.get()).isPresent()) {
                refresher.requestRefresh();
            }
        }), PERIODIC.toMillis(), PERIODIC.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            changes.remove();
            periodic.cancel(false);
        };
    }
}
