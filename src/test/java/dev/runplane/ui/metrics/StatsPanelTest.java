package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.dom.Element;
import dev.runplane.billing.CostQueries.RunCost;
import dev.runplane.billing.CostQueries.SubmissionCost;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.metrics.StatsQueries.RunStats;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StatsPanelTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final RunCost NO_COST = new RunCost("USD", BigDecimal.ZERO, BigDecimal.ZERO, List.of());

    private final StatsPanel panel = new StatsPanel(null, Clock.fixed(T.plusSeconds(10), ZoneOffset.UTC), "alice",
            "default", "train");

    private static Stream<Component> all(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(StatsPanelTest::all));
    }

    private Stream<Component> withClass(String className) {
        return all(panel).filter(c -> c.getElement().getClassList().contains(className));
    }

    private List<String> texts(String className) {
        return withClass(className).map(c -> ((HasText) c).getText()).toList();
    }

    private LineChart chart(String id) {
        return (LineChart) all(panel).filter(c -> c.getId().orElse("").equals(id)).findFirst().orElseThrow();
    }

    private static List<String> lineKeys(LineChart chart) {
        Element svg = chart.getElement();
        return IntStream.range(0, svg.getChildCount()).mapToObj(svg::getChild)
                .filter(e -> "polyline".equals(e.getTag())).map(e -> e.getAttribute("data-series")).toList();
    }

    private static Point point(int second, double cpu, long memory, Double gpu, Long gpuMemory) {
        return new Point(T.plusSeconds(second), cpu, memory, gpu, gpuMemory);
    }

    private void show(ReplicaStats... replicas) {
        panel.show(new RunStats(WINDOW, List.of(replicas)), NO_COST);
    }

    @Test
    void itSaysLoadingUntilTheFirstReadAndOffersTheFourWindows() {
        assertThat(all(panel).filter(c -> c.getId().orElse("").equals("stats-loading"))).hasSize(1);
        assertThat(panel.window()).isEqualTo(StatsWindow.MINUTES_15);
        assertThat(StatsWindow.values()).extracting(StatsWindow::label).containsExactly("15 min", "1 h", "24 h", "7 d");
    }

    @Test
    void aRunWithoutCurrentReplicasShowsAnEmptyStateAndStillItsCost() {
        show();

        assertThat(texts("stats-empty")).containsExactly("No replicas running, so no stats.");
        assertThat(withClass("stats-replica")).isEmpty();
        assertThat(chart("stats-chart-cost").getElement().getAttribute("aria-label"))
                .isEqualTo("Run cost so far, last 15 minutes: Run cost now $0, highest $0");
    }

    @Test
    void aReplicaWithoutSamplesSaysSo() {
        show(new ReplicaStats(0, 1, null, List.of()));

        assertThat(texts("stats-no-samples")).containsExactly("No samples yet");
        assertThat(lineKeys(chart("stats-chart-cpu"))).isEmpty();
    }

    @Test
    void eachMetricHasOneChartWithALinePerReplicaAndTheRunTotal() {
        List<Point> series = List.of(point(0, 10, 512L << 20, null, null), point(5, 50, 1024L << 20, null, null));
        show(new ReplicaStats(0, 1, series.getLast(), series),
                new ReplicaStats(1, 3, null, List.of(point(0, 5, 1L << 30, null, null))));

        assertThat(withClass("stats-replica").map(c -> c.getId().orElseThrow()))
                .containsExactly("stats-replica-0", "stats-replica-1", "stats-total");
        assertThat(texts("stats-replica-title")).containsExactly("Replica 0 (submission 1)",
                "Replica 1 (submission 3)", "Run total");
        assertThat(texts("stats-value")).containsExactly("50.0 %", "1.0 GiB", "\u2014", "\u2014", "50.0 %",
                "1.0 GiB");
        assertThat(lineKeys(chart("stats-chart-cpu"))).containsExactly("0", "1", "total");
        assertThat(lineKeys(chart("stats-chart-memory"))).containsExactly("0", "1", "total");
        assertThat(chart("stats-chart-cpu").getElement().getAttribute("aria-label"))
                .startsWith("CPU (% of one core), last 15 minutes: Replica 0 now 50.0 %, highest 50.0 %; Replica 1");
        assertThat(withClass("stats-gpu")).isEmpty();
        assertThat(withClass("stats-chart-gpu")).isEmpty();
    }

    @Test
    void aSingleReplicaNeedsNoTotalLine() {
        List<Point> series = List.of(point(0, 10, 1000, null, null));
        show(new ReplicaStats(0, 1, series.getLast(), series));

        assertThat(lineKeys(chart("stats-chart-cpu"))).containsExactly("0");
    }

    @Test
    void gpuChartsAppearOnlyWhenAReplicaHasGpuFiguresAndHaveNoTotal() {
        List<Point> series = List.of(point(0, 10, 1000, 30.0, 2L << 30), point(5, 20, 1000, 200.0, 4L << 30));
        show(new ReplicaStats(0, 1, series.getLast(), series),
                new ReplicaStats(1, 1, point(5, 1, 1, null, null), List.of(point(5, 1, 1, null, null))));

        assertThat(withClass("stats-gpu").map(c -> c.getParent().orElseThrow().getId().orElseThrow()))
                .containsExactly("stats-replica-0");
        assertThat(lineKeys(chart("stats-chart-gpu"))).containsExactly("0");
        assertThat(lineKeys(chart("stats-chart-gpu-memory"))).containsExactly("0");
        // a replica on several GPUs keeps its whole utilisation: the axis rises to 200 %, not cut off at 100 %
        assertThat(chart("stats-chart-gpu").getElement().getAttribute("aria-label")).contains("now 200.0 %");
    }

    @Test
    void aScaledDownReplicasLineGoesAway() {
        List<Point> series = List.of(point(0, 10, 1000, null, null));
        show(new ReplicaStats(0, 1, series.getFirst(), series), new ReplicaStats(1, 1, series.getFirst(), series));
        show(new ReplicaStats(0, 1, series.getFirst(), series));

        // one replica left: its line would be the total, so neither a total line nor a total in the legend
        assertThat(withClass("stats-replica").map(c -> c.getId().orElseThrow())).containsExactly("stats-replica-0");
        assertThat(lineKeys(chart("stats-chart-cpu"))).containsExactly("0");
    }

    @Test
    void theCostChartClimbsWithTheRunsSubmissions() {
        RunCost cost = new RunCost("USD", BigDecimal.ONE, new BigDecimal("3.6"), List.of(
                new SubmissionCost(0, 0, new BigDecimal("3.6"), T.minusSeconds(1000), null, BigDecimal.ONE)));
        panel.show(new RunStats(WINDOW, List.of()), cost);

        // $3.60/h for 1010 s up to the clock's now
        assertThat(chart("stats-chart-cost").getElement().getAttribute("aria-label"))
                .isEqualTo("Run cost so far, last 15 minutes: Run cost now $1.01, highest $1.01");
    }
}
