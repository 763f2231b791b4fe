package dev.runplane.ui.runs;

import dev.runplane.base.Actor;
import dev.runplane.runs.RunService;
import dev.runplane.ui.base.UiErrors;

/**
 * The one Stop/Abort behind every button that stops a run — the runs list and the run page both use it (the tool
 * we replace had a detail-page Stop that silently did nothing). Plain class: no Vaadin, tested with a fake display.
 */
public final class StopRunPresenter {

    /** What the presenter needs from whatever shows the button. */
    public interface Display {
        void showStopRequested(String run, boolean abort);

        void showError(String message);
    }

    private final RunService runs;
    private final Actor actor;
    private final Display display;

    public StopRunPresenter(RunService runs, Actor actor, Display display) {
        this.runs = runs;
        this.actor = actor;
        this.display = display;
    }

    /** Graceful stop: SIGTERM, then SIGKILL after the run's grace period. */
    public void stop(String project, String run) {
        request(project, run, false);
    }

    /** Immediate kill; the view asks for confirmation before calling this. */
    public void abort(String project, String run) {
        request(project, run, true);
    }

    private void request(String project, String run, boolean abort) {
        try {
            runs.stop(actor, project, run, abort);
            display.showStopRequested(run, abort);
        } catch (RuntimeException e) {
            display.showError(UiErrors.message(e));
        }
    }
}
