package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.VaadinSession;
import dev.runplane.logs.LogLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The panel in a (browserless) UI: what browser tests find by id and class, and the attach/detach lifecycle. */
@ViewPackages(packages = "dev.runplane.ui.logs")
class LogPanelTest extends BrowserlessTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FakeLogSource source = new FakeLogSource().submission(11, 0, 1).submission(12, 1, 2);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private LogPanel panel() {
        return new LogPanel(source, new LogPanel.Target("default", "train", "alice",
                List.of(new ReplicaChoice(0, 1, 11), new ReplicaChoice(1, 2, 12))), timer, Duration.ofMillis(250));
    }

    private static Stream<Component> all(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(LogPanelTest::all));
    }

    private static Component byId(Component root, String id) {
        return all(root).filter(c -> c.getId().filter(id::equals).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no #" + id));
    }

    /** Runs what {@code ui.access} queued (the test thread holds the session lock) until the condition holds. */
    private static void awaitInUi(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            VaadinSession session = VaadinSession.getCurrent();
            session.getService().runPendingAccessTasks(session);
            roundTrip();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("condition not met in 5 s");
    }

    @Test
    void everyControlHasAStableId() {
        LogPanel panel = panel();

        assertThat(panel.getId()).contains("log-panel");
        assertThat(Stream.of("log-replica-select", "log-follow", "log-search", "log-timestamps", "log-download",
                "log-load-older", "log-list", "log-loading", "log-empty", "log-notice"))
                .allSatisfy(id -> byId(panel, id));
        assertThat(((Anchor) byId(panel, "log-download")).getText()).isEqualTo("Download");
        assertThat(byId(panel, "log-list").getElement().getTag()).isEqualTo("vaadin-virtual-list");
    }

    @Test
    void itShowsLoadingUntilAttachedAndThenTheLinesOrAnEmptyState() throws InterruptedException {
        LogPanel panel = panel();
        assertThat(byId(panel, "log-loading").isVisible()).isTrue();
        assertThat(((Checkbox) byId(panel, "log-follow")).getValue()).isTrue();

        UI.getCurrent().add(panel);
        awaitInUi(() -> !byId(panel, "log-loading").isVisible());

        assertThat(byId(panel, "log-empty").isVisible()).isTrue();
        assertThat(byId(panel, "log-empty").getElement().getText()).isEqualTo("No log lines yet");
    }

    @Test
    void whileAttachedItFollowsTheLiveTailAndOnDetachItStops() throws InterruptedException {
        source.store(11, "<script>alert(1)</script>");
        LogPanel panel = panel();
        UI.getCurrent().add(panel);
        awaitInUi(() -> panel.list().lines().size() == 1);
        assertThat(source.listenerCount()).isEqualTo(2);

        source.append(12, "from replica 1");
        awaitInUi(() -> panel.list().lines().size() == 2);
        assertThat(panel.list().lines()).extracting(LogLine::text)
                .containsExactly("<script>alert(1)</script>", "from replica 1");
        assertThat(byId(panel, "log-empty").isVisible()).isFalse();

        UI.getCurrent().remove(panel);
        assertThat(source.listenerCount()).isZero();
    }

    @Test
    void theReplicaSelectorOffersAllReplicasAndEachCurrentOne() {
        LogPanel panel = panel();
        var select = panel.toolbar().replicaSelect();

        assertThat(select.getValue()).isEqualTo(LogToolbar.ALL);
        assertThat(select.getListDataView().getItems().map(select.getItemLabelGenerator()))
                .containsExactly("All replicas", "Replica 0 (submission 1)", "Replica 1 (submission 2)");
        panel.setReplicas(List.of(new ReplicaChoice(0, 1, 11)));
        assertThat(select.getListDataView().getItems().map(select.getItemLabelGenerator()))
                .containsExactly("All replicas", "Replica 0 (submission 1)");
    }

    @Test
    void aScaleChangesThePickersItemsButNotItsValueOrItsProvider() {
        LogPanel panel = panel();
        var select = panel.toolbar().replicaSelect();
        panel.presenter().select(1);
        var provider = select.getDataProvider();
        var picked = select.getValue();

        panel.setReplicas(List.of(new ReplicaChoice(0, 1, 11), new ReplicaChoice(1, 2, 12),
                new ReplicaChoice(2, 1, 13)));
        assertThat(select.getListDataView().getItems().map(select.getItemLabelGenerator()))
                .containsExactly("All replicas", "Replica 0 (submission 1)", "Replica 1 (submission 2)",
                        "Replica 2 (submission 1)");
        // the reader's choice stays, and the picker is refreshed in place: a new provider at every scale made every
        // open browser reset its picker and draw its value again (docs/benchmarks.md, UI freshness)
        assertThat(select.getValue()).isEqualTo(picked);
        assertThat(select.getDataProvider()).isSameAs(provider);
    }

    @Test
    void timestampsAndReplicaTagsAreShownAndHiddenByClass() {
        LogPanel panel = panel();
        Checkbox timestamps = (Checkbox) byId(panel, "log-timestamps");
        var list = panel.list().getContent();

        assertThat(list.hasClassName("log-show-ts")).isFalse();
        timestamps.setValue(true);
        assertThat(list.hasClassName("log-show-ts")).isTrue();
        assertThat(list.hasClassName("log-show-replica")).as("all replicas are tagged").isTrue();
        panel.presenter().select(1);
        assertThat(list.hasClassName("log-show-replica")).isFalse();
    }
}
