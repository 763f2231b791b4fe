package dev.runplane.ui.metrics;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.runplane.metrics.StatsQueries;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.metrics.StatsQueries.RunStats;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * CPU and memory (and GPU where a replica has one) of a run's current replicas: the latest value and a sparkline
 * over a window. Scaled-down and replaced submissions never show here: {@link StatsQueries} reports current replicas
 * only. The host view calls {@link #refresh()} when the run changes and on a timer.
 */
public class StatsPanel extends Div {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final StatsQueries stats;
    private final String reader;
    private final String project;
    private final String run;
    private final Duration window;
    private RunStats shown;

    public StatsPanel(StatsQueries stats, String reader, String project, String run) {
        this(stats, reader, project, run, DEFAULT_WINDOW);
    }

    /** @param window how far back the sparklines reach (at most {@link StatsQueries#MAX_WINDOW}) */
    public StatsPanel(StatsQueries stats, String reader, String project, String run, Duration window) {
        this.stats = stats;
        this.reader = reader;
        this.project = project;
        this.run = run;
        this.window = window;
        setId("stats-panel");
        addClassName("stats-panel");
        add(message("stats-loading", "Loading stats\u2026"));
    }

    /**
     * Re-reads the stats and redraws.
     *
     * @throws dev.runplane.base.NotFoundException when the reader can no longer see the run
     */
    public void refresh() {
        show(stats.stats(reader, project, run, window));
    }

    /** Draws stats read elsewhere (the same read a host may already have made). */
    public void show(RunStats runStats) {
        if (runStats.equals(shown)) {
            return; // the same samples: redrawing would only resend the same SVG to the browser
        }
        shown = runStats;
        removeAll();
        if (runStats.replicas().isEmpty()) {
            add(message("stats-empty", "No replicas running, so no stats."));
            return;
        }
        for (ReplicaStats replica : runStats.replicas()) {
            add(replica(replica, runStats.window()));
        }
    }

    private Div replica(ReplicaStats replica, Duration shown) {
        Div box = new Div();
        box.addClassName("stats-replica");
        box.setId("stats-replica-" + replica.replicaNum());
        Span title = new Span("Replica " + replica.replicaNum() + " (submission " + replica.submissionNum() + ")");
        title.addClassName("stats-replica-title");
        box.add(title);
        List<Point> series = replica.series();
        Point latest = replica.latest();
        if (series.isEmpty() && latest == null) {
            Span none = new Span("No samples yet");
            none.addClassName("stats-no-samples");
            box.add(none);
            return box;
        }
        String over = " over " + minutes(shown);
        double cpuTop = Math.max(100, series.stream().mapToDouble(Point::cpuPercent).max().orElse(0));
        box.add(metric("cpu", "CPU", latest == null ? null : Quantities.percent(latest.cpuPercent()),
                values(series, Point::cpuPercent), cpuTop, "CPU" + over));
        box.add(metric("memory", "Memory", latest == null ? null : Quantities.bytes(latest.memoryBytes()),
                values(series, Point::memoryBytes), null, "Memory" + over));
        boolean gpu = (latest != null && latest.gpuUtilPercent() != null)
                || series.stream().anyMatch(p -> p.gpuUtilPercent() != null);
        if (gpu) {
            // summed over the replica's GPUs like CPU over cores: 100 % is one GPU fully busy
            double gpuTop = Math.max(100, series.stream().map(Point::gpuUtilPercent).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).max().orElse(0));
            box.add(metric("gpu", "GPU", latest == null || latest.gpuUtilPercent() == null ? null
                    : Quantities.percent(latest.gpuUtilPercent()), values(series, Point::gpuUtilPercent), gpuTop,
                    "GPU utilisation" + over));
        }
        boolean gpuMemory = (latest != null && latest.gpuMemoryBytes() != null)
                || series.stream().anyMatch(p -> p.gpuMemoryBytes() != null);
        if (gpuMemory) {
            box.add(metric("gpu-memory", "GPU memory", latest == null || latest.gpuMemoryBytes() == null ? null
                    : Quantities.bytes(latest.gpuMemoryBytes()), values(series, Point::gpuMemoryBytes), null,
                    "GPU memory" + over));
        }
        return box;
    }

    private static Div metric(String kind, String name, String latest, List<Number> series, Double max,
                              String label) {
        Span caption = new Span(name);
        caption.addClassName("stats-caption");
        Span value = new Span(latest == null ? "\u2014" : latest);
        value.addClassName("stats-value");
        Sparkline sparkline = new Sparkline(series, max);
        sparkline.addClassName("sparkline-" + kind);
        sparkline.setLabel(label);
        Div metric = new Div(caption, value, sparkline);
        metric.addClassNames("stats-metric", "stats-" + kind);
        return metric;
    }

    /** The series' values where known; a sample without the figure is left out. */
    private static List<Number> values(List<Point> series, Function<Point, ? extends Number> figure) {
        return series.stream().map(figure).filter(Objects::nonNull).map(n -> (Number) n).toList();
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 120 && minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
    }

    private static Span message(String id, String text) {
        Span span = new Span(text);
        span.setId(id);
        span.addClassName("stats-empty");
        return span;
    }
}
