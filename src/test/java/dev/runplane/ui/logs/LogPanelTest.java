package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The panel as a component tree, without a browser: what browser tests find by id and class. */
class LogPanelTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private LogPanel panel() {
        return new LogPanel(null, null, new LogPanel.Target("default", "train", "alice",
                List.of(new ReplicaChoice(0, 1, 11), new ReplicaChoice(1, 2, 12))), timer, Duration.ofMillis(250));
    }

    private static Stream<Component> all(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(LogPanelTest::all));
    }

    private static Optional<Component> byId(Component root, String id) {
        return all(root).filter(c -> c.getId().filter(id::equals).isPresent()).findFirst();
    }

    @Test
    void everyControlHasAStableId() {
        LogPanel panel = panel();

        assertThat(panel.getId()).contains("log-panel");
        assertThat(Stream.of("log-replica-select", "log-follow", "log-search", "log-timestamps", "log-download",
                "log-load-older", "log-list", "log-loading", "log-empty"))
                .allSatisfy(id -> assertThat(byId(panel, id)).as(id).isPresent());
        assertThat(byId(panel, "log-download").map(Anchor.class::cast).orElseThrow().getText())
                .isEqualTo("Download");
    }

    @Test
    void itShowsLoadingUntilTheFirstReadAndFollowsByDefault() {
        LogPanel panel = panel();

        assertThat(byId(panel, "log-loading").orElseThrow().isVisible()).isTrue();
        assertThat(byId(panel, "log-empty").orElseThrow().isVisible()).isFalse();
        assertThat(((Checkbox) byId(panel, "log-follow").orElseThrow()).getValue()).isTrue();
        assertThat(panel.toolbar().replicaSelect().getValue()).isEqualTo(LogToolbar.ALL);
    }

    @Test
    void theReplicaSelectorOffersAllReplicasAndEachCurrentOne() {
        LogPanel panel = panel();
        var select = panel.toolbar().replicaSelect();

        assertThat(select.getListDataView().getItems().map(select.getItemLabelGenerator()))
                .containsExactly("All replicas", "Replica 0 (submission 1)", "Replica 1 (submission 2)");
        panel.setReplicas(List.of(new ReplicaChoice(0, 1, 11)));
        assertThat(select.getListDataView().getItems().map(select.getItemLabelGenerator()))
                .containsExactly("All replicas", "Replica 0 (submission 1)");
    }

    @Test
    void timestampsAndReplicaTagsAreShownAndHiddenByClass() {
        LogPanel panel = panel();
        Checkbox timestamps = (Checkbox) byId(panel, "log-timestamps").orElseThrow();
        var list = panel.list().getContent();

        assertThat(list.hasClassName("log-show-ts")).isFalse();
        timestamps.setValue(true);
        assertThat(list.hasClassName("log-show-ts")).isTrue();
        assertThat(list.hasClassName("log-show-replica")).as("all replicas are tagged").isTrue();
        panel.presenter().select(1);
        assertThat(list.hasClassName("log-show-replica")).isFalse();
    }

    @Test
    void theListRendersEachLineWithTheLitTemplateAndNoHtmlOfItsOwn() {
        LogPanel panel = panel();

        assertThat(panel.list().getContent().getElement().getTag()).isEqualTo("vaadin-virtual-list");
        assertThat(all(panel).filter(c -> c.getClass().getSimpleName().equals("Html"))).isEmpty();
        assertThat(all(panel).filter(Span.class::isInstance).map(c -> ((Span) c).getText()))
                .contains("Loading logs\u2026");
        assertThat(panel.list().lines()).isEmpty();
    }
}
