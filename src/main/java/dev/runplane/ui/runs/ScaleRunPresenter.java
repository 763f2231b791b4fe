package dev.runplane.ui.runs;

import dev.runplane.base.Actor;
import dev.runplane.runs.RunService;
import dev.runplane.ui.base.UiErrors;

/**
 * Scaling from the run page. The view passes the version it is showing, so a change made meanwhile by someone else
 * (another browser, a script) is a conflict: the user is told and the view reloads, never a silent overwrite.
 */
public final class ScaleRunPresenter {

    public interface Display {
        void showScaled(String run, int replicas);

        /** Someone else changed the run: say so and show the fresh state. */
        void showConflictAndReload(String message);

        void showError(String message);
    }

    private final RunService runs;
    private final Actor actor;
    private final Display display;

    public ScaleRunPresenter(RunService runs, Actor actor, Display display) {
        this.runs = runs;
        this.actor = actor;
        this.display = display;
    }

    public void scale(String project, String run, int replicas, long shownVersion) {
        try {
            runs.scale(actor, project, run, replicas, shownVersion);
            display.showScaled(run, replicas);
        } catch (RuntimeException e) {
            if (UiErrors.isConflict(e)) {
                display.showConflictAndReload(UiErrors.CHANGED_BY_SOMEONE_ELSE);
            } else {
                display.showError(UiErrors.message(e));
            }
        }
    }
}
