package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.metrics.StatsQueries.RunStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StatsPanelTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    private final StatsPanel panel = new StatsPanel(null, "alice", "default", "train");

    private static Stream<Component> all(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(StatsPanelTest::all));
    }

    private Stream<Component> withClass(String className) {
        return all(panel).filter(c -> c.getElement().getClassList().contains(className));
    }

    private List<String> texts(String className) {
        return withClass(className).map(c -> ((HasText) c).getText()).toList();
    }

    private static Point point(int second, double cpu, long memory, Double gpu, Long gpuMemory) {
        return new Point(T.plusSeconds(second), cpu, memory, gpu, gpuMemory);
    }

    @Test
    void itSaysLoadingUntilTheFirstRead() {
        assertThat(all(panel).filter(c -> c.getId().orElse("").equals("stats-loading"))).hasSize(1);
    }

    @Test
    void aRunWithoutCurrentReplicasShowsAnEmptyState() {
        panel.show(new RunStats(WINDOW, List.of()));

        assertThat(texts("stats-empty")).containsExactly("No replicas running, so no stats.");
        assertThat(withClass("stats-replica")).isEmpty();
    }

    @Test
    void aReplicaWithoutSamplesSaysSo() {
        panel.show(new RunStats(WINDOW, List.of(new ReplicaStats(0, 1, null, List.of()))));

        assertThat(texts("stats-no-samples")).containsExactly("No samples yet");
        assertThat(withClass("sparkline")).isEmpty();
    }

    @Test
    void eachCurrentReplicaShowsLatestCpuAndMemoryWithSparklines() {
        List<Point> series = List.of(point(0, 10, 512L << 20, null, null), point(5, 50, 1024L << 20, null, null));
        panel.show(new RunStats(WINDOW, List.of(
                new ReplicaStats(0, 1, series.getLast(), series),
                new ReplicaStats(1, 3, null, List.of(point(0, 5, 1L << 30, null, null))))));

        assertThat(withClass("stats-replica").map(c -> c.getId().orElseThrow()))
                .containsExactly("stats-replica-0", "stats-replica-1");
        assertThat(texts("stats-replica-title")).containsExactly("Replica 0 (submission 1)",
                "Replica 1 (submission 3)");
        assertThat(texts("stats-value")).containsExactly("50.0 %", "1.0 GiB", "\u2014", "\u2014");
        Sparkline cpu = (Sparkline) withClass("sparkline-cpu").findFirst().orElseThrow();
        assertThat(cpu.getElement().getChild(0).getAttribute("points")).isEqualTo("0,25.8 100,15");
        assertThat(cpu.getElement().getAttribute("aria-label")).isEqualTo("CPU over 15 minutes");
        assertThat(withClass("stats-gpu")).isEmpty();
    }

    @Test
    void gpuFiguresAppearOnlyWhereAReplicaHasThem() {
        List<Point> series = List.of(point(0, 10, 1000, 30.0, 2L << 30), point(5, 20, 1000, 60.0, 4L << 30));
        panel.show(new RunStats(WINDOW, List.of(
                new ReplicaStats(0, 1, series.getLast(), series),
                new ReplicaStats(1, 1, point(5, 1, 1, null, null), List.of(point(5, 1, 1, null, null))))));

        assertThat(withClass("stats-gpu").map(c -> c.getParent().orElseThrow().getId().orElseThrow()))
                .containsExactly("stats-replica-0");
        assertThat(texts("stats-value")).containsExactly("20.0 %", "1000 B", "60.0 %", "4.0 GiB", "1.0 %", "1 B");
        assertThat(withClass("sparkline-gpu-memory")).hasSize(1);
        Sparkline gpu = (Sparkline) withClass("sparkline-gpu").findFirst().orElseThrow();
        assertThat(gpu.getElement().getChild(0).getAttribute("points")).isEqualTo("0,20.4 100,12.3");
    }

    @Test
    void aReplicaOnSeveralGpusKeepsItsWholeUtilisationInTheSparkline() {
        List<Point> series = List.of(point(0, 10, 1000, 100.0, 1L << 30), point(5, 20, 1000, 200.0, 1L << 30));
        panel.show(new RunStats(WINDOW, List.of(new ReplicaStats(0, 1, series.getLast(), series))));

        assertThat(texts("stats-value")).contains("200.0 %");
        Sparkline gpu = (Sparkline) withClass("sparkline-gpu").findFirst().orElseThrow();
        // scaled to the largest value, 200 %: the newest point at the top, not cut off at 100 %
        assertThat(gpu.getElement().getChild(0).getAttribute("points")).isEqualTo("0,15 100,1.5");
    }

    @Test
    void redrawingReplacesWhatWasShown() {
        List<Point> series = List.of(point(0, 10, 1000, null, null));
        panel.show(new RunStats(WINDOW, List.of(new ReplicaStats(0, 1, series.getFirst(), series),
                new ReplicaStats(1, 1, series.getFirst(), series))));
        panel.show(new RunStats(WINDOW, List.of(new ReplicaStats(0, 1, series.getFirst(), series))));

        assertThat(withClass("stats-replica")).hasSize(1);
    }
}
