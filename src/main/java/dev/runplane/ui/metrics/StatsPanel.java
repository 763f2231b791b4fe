package dev.runplane.ui.metrics;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import dev.runplane.base.Formats;
import dev.runplane.billing.CostQueries.RunCost;
import dev.runplane.metrics.StatsQueries;
import dev.runplane.metrics.StatsQueries.Point;
import dev.runplane.metrics.StatsQueries.ReplicaStats;
import dev.runplane.metrics.StatsQueries.RunStats;
import dev.runplane.ui.metrics.LineChart.Sample;
import dev.runplane.ui.metrics.LineChart.Series;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The Stats tab: one chart per figure (CPU, memory, and GPU and GPU memory where a replica has them) with a line
 * per current replica and, for CPU and memory, the run's total; a legend naming the replicas with their latest
 * values; a window selector; and what the run has cost over the window. Scaled-down and replaced submissions never
 * show here: {@link StatsQueries} reports current replicas only.
 *
 * <p>The default window is drawn from the read every open page of the run shares (the host hands it in through
 * {@link #show}); a page that chose another window reads its own stats, at most every {@link #OWN_READ_EVERY} and
 * at once when the current replicas change, so one user's 7-day view costs nobody else a read.
 */
public class StatsPanel extends Div {
    public static final Duration DEFAULT_WINDOW = StatsWindow.MINUTES_15.duration();
    static final Duration OWN_READ_EVERY = Duration.ofSeconds(5);
    private static final int COLOURS = 8;

    private final StatsQueries stats;
    private final Clock clock;
    private final String reader;
    private final String project;
    private final String run;
    private final RadioButtonGroup<StatsWindow> windows = new RadioButtonGroup<>("Window");
    private final Span zoneNote = new Span();
    private final Div body = new Div();
    private final LineChart costChart = new LineChart();
    private final Div costBox = new Div();
    private ZoneId zone = ZoneOffset.UTC;
    private StatsWindow window = StatsWindow.MINUTES_15;
    private RunStats shared;
    private RunStats own;
    private long ownReadAtNanos;
    private RunStats shown;
    private RunCost cost;
    private RunCost costShown;
    private Instant costDrawnAt;

    public StatsPanel(StatsQueries stats, Clock clock, String reader, String project, String run) {
        this.stats = stats;
        this.clock = clock;
        this.reader = reader;
        this.project = project;
        this.run = run;
        setId("stats-panel");
        addClassName("stats-panel");
        windows.setId("stats-window");
        windows.setItems(StatsWindow.values());
        windows.setItemLabelGenerator(StatsWindow::label);
        windows.setValue(window);
        windows.addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient()) {
                choose(e.getValue());
            }
        });
        zoneNote.setId("stats-time-zone");
        zoneNote.addClassName("stats-caption");
        body.addClassName("stats-body");
        body.add(message("stats-loading", "Loading stats\u2026"));
        costChart.setId("stats-chart-cost");
        Span costTitle = new Span("Run cost so far");
        costTitle.addClassName("stats-chart-title");
        costBox.addClassNames("stats-chart", "stats-cost");
        costBox.add(costTitle, costChart);
        costBox.setVisible(false);
        Div bar = new Div(windows, zoneNote);
        bar.addClassName("stats-bar");
        add(bar, body, costBox);
        showZone();
    }

    /** The window this page shows now. */
    public StatsWindow window() {
        return window;
    }

    /** Shows another window: the default one from the shared read, any other from this page's own read. */
    public void choose(StatsWindow chosen) {
        window = chosen;
        windows.setValue(chosen);
        own = null;
        if (shared != null && !sharedFits()) {
            readOwn();
        }
        shown = null;
        costShown = null;
        redraw();
    }

    /**
     * Re-reads the stats of the window shown and redraws.
     *
     * @throws dev.runplane.base.NotFoundException when the reader can no longer see the run
     */
    public void refresh() {
        readOwn();
        redraw();
    }

    /** Draws stats and cost read elsewhere (the read every open page of the run shares, for the default window). */
    public void show(RunStats sharedStats, RunCost runCost) {
        shared = sharedStats;
        cost = runCost;
        if (sharedFits()) {
            own = null;
        } else if (own == null || System.nanoTime() - ownReadAtNanos >= OWN_READ_EVERY.toNanos()
                || !replicasOf(own).equals(replicasOf(sharedStats))) {
            readOwn();
        }
        redraw();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // ticks at whole hours and days of the reader's clock: ask the browser for its zone once
        attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> {
            try {
                zone = ZoneId.of(details.getTimeZoneId());
            } catch (RuntimeException e) {
                zone = ZoneOffset.UTC;
            }
            showZone();
            shown = null;
            costShown = null;
            redraw();
        });
    }

    /** Whether the shared read covers the window shown (it covers the default window only). */
    private boolean sharedFits() {
        return shared != null && shared.window().equals(window.duration());
    }

    private void readOwn() {
        own = stats.stats(reader, project, run, window.duration());
        ownReadAtNanos = System.nanoTime();
    }

    private static List<String> replicasOf(RunStats runStats) {
        return runStats.replicas().stream().map(r -> r.replicaNum() + "/" + r.submissionNum()).toList();
    }

    private void showZone() {
        zoneNote.setText("Times in " + (zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId()));
    }

    private void redraw() {
        RunStats current = sharedFits() ? shared : own;
        if (current == null) {
            return;
        }
        Instant now = clock.instant();
        if (!current.equals(shown)) {
            // the same samples: redrawing would only resend the same SVG to the browser
            shown = current;
            drawStats(current, now);
        }
        if (cost != null && (costShown == null || !cost.submissions().equals(costShown.submissions())
                || Duration.between(costDrawnAt, now).compareTo(window.duration().dividedBy(200)) >= 0)) {
            costShown = cost;
            costDrawnAt = now;
            drawCost(cost, now);
        }
    }

    private void drawStats(RunStats runStats, Instant now) {
        body.removeAll();
        if (runStats.replicas().isEmpty()) {
            body.add(message("stats-empty", "No replicas running, so no stats."));
            return;
        }
        Instant from = now.minus(window.duration());
        List<ReplicaStats> replicas = runStats.replicas();
        Div legend = new Div();
        legend.setId("stats-legend");
        legend.addClassName("stats-legend");
        replicas.forEach(r -> legend.add(legendEntry(r)));
        if (replicas.size() > 1) {
            legend.add(totalEntry(replicas));
        }
        body.add(legend);
        DoubleFunction<String> percent = Quantities::percent;
        DoubleFunction<String> bytes = v -> Quantities.bytes(Math.round(v));
        body.add(chart("cpu", "CPU", "% of one core", from, now, 100, 1, percent,
                lines(replicas, Point::cpuPercent, from, now, true)));
        long memoryTop = replicas.stream().flatMap(r -> r.series().stream()).mapToLong(Point::memoryBytes).max()
                .orElse(0);
        body.add(chart("memory", "Memory", "bytes", from, now, 0, byteUnit(memoryTop * (double) replicas.size()),
                bytes, lines(replicas, Point::memoryBytes, from, now, true)));
        if (replicas.stream().anyMatch(r -> has(r, Point::gpuUtilPercent))) {
            // summed over the replica's GPUs like CPU over cores: 100 % is one GPU fully busy
            body.add(chart("gpu", "GPU", "% of one GPU", from, now, 100, 1, percent,
                    lines(replicas, Point::gpuUtilPercent, from, now, false)));
        }
        if (replicas.stream().anyMatch(r -> has(r, Point::gpuMemoryBytes))) {
            long top = replicas.stream().flatMap(r -> r.series().stream()).map(Point::gpuMemoryBytes)
                    .filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
            body.add(chart("gpu-memory", "GPU memory", "bytes", from, now, 0, byteUnit(top), bytes,
                    lines(replicas, Point::gpuMemoryBytes, from, now, false)));
        }
    }

    private void drawCost(RunCost runCost, Instant now) {
        Instant from = now.minus(window.duration());
        String currency = runCost.currency();
        DoubleFunction<String> money = v -> Formats.money(BigDecimal.valueOf(v), currency);
        List<Sample> samples = CostOverTime.of(runCost.submissions(), from, now);
        costChart.show(new LineChart.Spec("Run cost so far", from, now, zone, 0, 1, money),
                List.of(new Series("cost", "Run cost", "chart-cost", samples)));
        costBox.setVisible(true);
    }

    private Div chart(String kind, String title, String unitName, Instant from, Instant now, double minTop,
                      double unit, DoubleFunction<String> label, List<Series> series) {
        LineChart chart = new LineChart();
        chart.setId("stats-chart-" + kind);
        chart.show(new LineChart.Spec(title + " (" + unitName + ")", from, now, zone, minTop, unit, label), series);
        Span heading = new Span(title);
        heading.addClassName("stats-chart-title");
        Span units = new Span(" \u00b7 " + unitName);
        units.addClassName("stats-caption");
        Div box = new Div(new Div(heading, units), chart);
        box.addClassNames("stats-chart", "stats-chart-" + kind);
        return box;
    }

    /** A line per replica that has the figure, and the run's total where summing makes sense. */
    private static List<Series> lines(List<ReplicaStats> replicas, Function<Point, ? extends Number> figure,
                                      Instant from, Instant now, boolean withTotal) {
        List<Series> lines = new ArrayList<>();
        List<List<Sample>> all = new ArrayList<>();
        for (ReplicaStats r : replicas) {
            List<Sample> samples = r.series().stream().filter(p -> figure.apply(p) != null)
                    .map(p -> new Sample(p.time(), figure.apply(p).doubleValue())).toList();
            all.add(samples);
            if (!samples.isEmpty()) {
                lines.add(new Series(Integer.toString(r.replicaNum()), "Replica " + r.replicaNum(),
                        colour(r.replicaNum()), samples));
            }
        }
        if (withTotal && replicas.size() > 1) {
            lines.add(new Series("total", "Run total", "chart-total", RunTotal.of(all, from, now)));
        }
        return lines;
    }

    private static String colour(int replicaNum) {
        return "chart-series-" + Math.floorMod(replicaNum, COLOURS);
    }

    private static boolean has(ReplicaStats replica, Function<Point, ?> figure) {
        return (replica.latest() != null && figure.apply(replica.latest()) != null)
                || replica.series().stream().anyMatch(p -> figure.apply(p) != null);
    }

    private static Div legendEntry(ReplicaStats replica) {
        Div entry = new Div();
        entry.addClassName("stats-replica");
        entry.setId("stats-replica-" + replica.replicaNum());
        Span swatch = new Span();
        swatch.addClassNames("legend-swatch", colour(replica.replicaNum()));
        Span title = new Span("Replica " + replica.replicaNum() + " (submission " + replica.submissionNum() + ")");
        title.addClassName("stats-replica-title");
        entry.add(swatch, title);
        Point latest = replica.latest();
        if (replica.series().isEmpty() && latest == null) {
            Span none = new Span("No samples yet");
            none.addClassName("stats-no-samples");
            entry.add(none);
            return entry;
        }
        entry.add(value("cpu", "CPU", latest == null ? null : Quantities.percent(latest.cpuPercent())));
        entry.add(value("memory", "Memory", latest == null ? null : Quantities.bytes(latest.memoryBytes())));
        if (has(replica, Point::gpuUtilPercent)) {
            entry.add(value("gpu", "GPU", latest == null || latest.gpuUtilPercent() == null ? null
                    : Quantities.percent(latest.gpuUtilPercent())));
        }
        if (has(replica, Point::gpuMemoryBytes)) {
            entry.add(value("gpu-memory", "GPU memory", latest == null || latest.gpuMemoryBytes() == null ? null
                    : Quantities.bytes(latest.gpuMemoryBytes())));
        }
        return entry;
    }

    private static Div totalEntry(List<ReplicaStats> replicas) {
        Div entry = new Div();
        entry.setId("stats-total");
        entry.addClassName("stats-replica");
        Span swatch = new Span();
        swatch.addClassNames("legend-swatch", "chart-total");
        Span title = new Span("Run total");
        title.addClassName("stats-replica-title");
        List<Point> latest = replicas.stream().map(ReplicaStats::latest).filter(Objects::nonNull).toList();
        entry.add(swatch, title,
                value("cpu", "CPU", Quantities.percent(latest.stream().mapToDouble(Point::cpuPercent).sum())),
                value("memory", "Memory", Quantities.bytes(latest.stream().mapToLong(Point::memoryBytes).sum())));
        return entry;
    }

    private static Div value(String kind, String name, String latest) {
        Span caption = new Span(name);
        caption.addClassName("stats-caption");
        Span value = new Span(latest == null ? "\u2014" : latest);
        value.addClassName("stats-value");
        Div metric = new Div(caption, value);
        metric.addClassNames("stats-metric", "stats-" + kind);
        return metric;
    }

    /** The binary unit a byte axis is round in: GiB steps for gigabytes, MiB steps for megabytes. */
    static double byteUnit(double max) {
        double unit = 1;
        while (max / unit >= 1024) {
            unit *= 1024;
        }
        return unit;
    }

    private static Span message(String id, String text) {
        Span span = new Span(text);
        span.setId(id);
        span.addClassName("stats-empty");
        return span;
    }
}
