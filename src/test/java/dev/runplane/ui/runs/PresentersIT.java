package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.runs.RunDetails;
import dev.runplane.runs.RunService;
import dev.runplane.support.IntegrationTest;
import dev.runplane.ui.base.UiErrors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The presenters against the real services and MariaDB, with a fake display recording what the user would see. */
@IntegrationTest
class PresentersIT {
    private static final Actor UI_ADMIN = new Actor("admin", Source.UI);

    @Autowired
    RunService runService;
    @Autowired
    RunDetails runDetails;

    static final class FakeDisplay implements StopRunPresenter.Display, ScaleRunPresenter.Display {
        final List<String> shown = new ArrayList<>();

        @Override
        public void showStopRequested(String run, boolean abort) {
            shown.add((abort ? "abort " : "stop ") + run);
        }

        @Override
        public void showScaled(String run, int replicas) {
            shown.add("scaled " + run + " to " + replicas);
        }

        @Override
        public void showConflictAndReload(String message) {
            shown.add("conflict: " + message);
        }

        @Override
        public void showError(String message) {
            shown.add("error: " + message);
        }
    }

    @Test
    void stopRequestsAGracefulStopAndAnUnknownRunIsAnError() {
        runService.create(UI_ADMIN, "default", "type: service\nname: presenter-stop\ncommands: [\"sleep 600\"]\n"
                + "replicas: 0\n");
        FakeDisplay display = new FakeDisplay();
        StopRunPresenter presenter = new StopRunPresenter(runService, UI_ADMIN, display);

        presenter.stop("default", "presenter-stop");
        presenter.stop("default", "no-such-run");

        assertThat(runDetails.summary("admin", "default", "presenter-stop").stopRequest().name()).isEqualTo("STOP");
        assertThat(display.shown).containsExactly("stop presenter-stop", "error: Not found: run 'no-such-run' not found");
    }

    @Test
    void aScaleFromAStaleVersionSaysChangedBySomeoneElseAndChangesNothing() {
        runService.create(UI_ADMIN, "default", "type: service\nname: presenter-scale\ncommands: [\"sleep 600\"]\n"
                + "replicas: 0\n");
        long shownVersion = runDetails.summary("admin", "default", "presenter-scale").version();
        // someone else scales meanwhile (a script over the API; scaling to the count already wanted would change nothing)
        runService.scale(new Actor("admin", Source.API), "default", "presenter-scale", 1, null);
        FakeDisplay display = new FakeDisplay();

        new ScaleRunPresenter(runService, UI_ADMIN, display).scale("default", "presenter-scale", 3, shownVersion);

        assertThat(display.shown).containsExactly("conflict: " + UiErrors.CHANGED_BY_SOMEONE_ELSE);
        assertThat(runDetails.summary("admin", "default", "presenter-scale").desiredReplicas()).isEqualTo(1);
        runService.stop(UI_ADMIN, "default", "presenter-scale", false);
    }
}
