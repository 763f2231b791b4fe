package dev.runplane.ui.metrics;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.DoubleFunction;

/**
 * Lines over time with a time axis and a value axis, drawn on the server as SVG (no chart bundle can be built
 * here). Each line is a {@code polyline} with class {@code chart-line} and {@code data-series} naming it, coloured
 * by its series class; its {@code <title>} names it on hover. The chart's {@code aria-label} says, per line, the
 * latest and the highest value, so a screen reader hears what a sighted reader sees. Only numbers and element text
 * (escaped by Vaadin) go into the SVG.
 */
@Tag("svg")
public class LineChart extends SvgChart {
    static final double WIDTH = 640;
    static final double HEIGHT = 200;
    static final double LEFT = 80;
    static final double RIGHT = 16;
    static final double TOP = 10;
    static final double BOTTOM = 24;

    /** One value at one time. */
    public record Sample(Instant time, double value) {
    }

    /**
     * One line.
     *
     * @param key      what {@code data-series} says ("0" for replica 0, "total")
     * @param name     what people read ("Replica 0", "Run total")
     * @param cssClass the colour class ({@code chart-series-3}, {@code chart-total})
     * @param samples  oldest first
     */
    public record Series(String key, String name, String cssClass, List<Sample> samples) {
    }

    /**
     * What to draw.
     *
     * @param title      what the chart shows ("CPU"), the start of its accessible name
     * @param minTop     the value axis reaches at least this high (100 for percent, so idle does not look busy)
     * @param unit       the unit the value ticks are round in (see {@link ChartAxes#valueTicks})
     * @param valueLabel formats a value with its unit ("50 %", "1.5 GiB")
     */
    public record Spec(String title, Instant from, Instant to, ZoneId zone, double minTop, double unit,
                       DoubleFunction<String> valueLabel) {
    }

    public LineChart() {
        super("line-chart", WIDTH, HEIGHT);
    }


    /** Redraws the chart. */
    public void show(Spec spec, List<Series> series) {
        Element svg = getElement();
        svg.removeAllChildren();
        double max = series.stream().flatMap(s -> s.samples().stream()).mapToDouble(Sample::value)
                .filter(Double::isFinite).max().orElse(0);
        List<Double> ticks = ChartAxes.valueTicks(Math.max(max, spec.minTop()), spec.unit());
        double top = ticks.getLast();
        for (Double tick : ticks) {
            double y = y(tick, top);
            svg.appendChild(line(LEFT, y, WIDTH - RIGHT, y, tick == 0 ? "chart-axis" : "chart-grid"));
            svg.appendChild(text(LEFT - 6, y + 4, "end", "chart-label chart-value-tick", spec.valueLabel().apply(tick)));
        }
        svg.appendChild(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "chart-axis"));
        for (ChartAxes.TimeTick tick : ChartAxes.timeTicks(spec.from(), spec.to(), spec.zone())) {
            double x = x(tick.time(), spec);
            svg.appendChild(line(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4, "chart-axis"));
            svg.appendChild(text(x, HEIGHT - 6, "middle", "chart-label chart-time-tick", tick.label()));
        }
        boolean any = false;
        for (Series s : series) {
            if (!s.samples().isEmpty()) {
                any = true;
                svg.appendChild(polyline(s, spec, top));
            }
        }
        if (!any) {
            svg.appendChild(text(LEFT + (WIDTH - LEFT - RIGHT) / 2, TOP + (HEIGHT - TOP - BOTTOM) / 2, "middle",
                    "chart-label chart-empty", "No samples in this window"));
        }
        svg.setAttribute("aria-label", summary(spec, series));
    }

    /** "CPU, last 15 minutes: Replica 0 now 12.5 %, highest 40 %; Run total now …" */
    static String summary(Spec spec, List<Series> series) {
        StringJoiner parts = new StringJoiner("; ");
        for (Series s : series) {
            if (!s.samples().isEmpty()) {
                double highest = s.samples().stream().mapToDouble(Sample::value).max().orElse(0);
                parts.add(s.name() + " now " + spec.valueLabel().apply(s.samples().getLast().value())
                        + ", highest " + spec.valueLabel().apply(highest));
            }
        }
        return spec.title() + ", last " + StatsWindow.describe(Duration.between(spec.from(), spec.to())) + ": "
                + (parts.length() == 0 ? "no samples" : parts);
    }

    static double x(Instant time, Spec spec) {
        double span = Math.max(1, Duration.between(spec.from(), spec.to()).toMillis());
        double at = Math.clamp(Duration.between(spec.from(), time).toMillis(), 0, span);
        return LEFT + at / span * (WIDTH - LEFT - RIGHT);
    }

    static double y(double value, double top) {
        double v = Double.isFinite(value) ? Math.clamp(value, 0, top) : 0;
        return HEIGHT - BOTTOM - (top > 0 ? v / top : 0) * (HEIGHT - TOP - BOTTOM);
    }

    /** The polyline's {@code points}; a single sample becomes a short flat stroke so that it shows. */
    static String points(List<Sample> samples, Spec spec, double top) {
        StringBuilder b = new StringBuilder(samples.size() * 14);
        for (Sample sample : samples) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(SvgNumbers.num(x(sample.time(), spec))).append(',').append(SvgNumbers.num(y(sample.value(), top)));
        }
        if (samples.size() == 1) {
            double x = x(samples.getFirst().time(), spec);
            b.append(' ').append(SvgNumbers.num(Math.max(LEFT, x - 3))).append(',')
                    .append(SvgNumbers.num(y(samples.getFirst().value(), top)));
        }
        return b.toString();
    }

    private static Element polyline(Series s, Spec spec, double top) {
        Element line = new Element("polyline");
        line.setAttribute("points", points(s.samples(), spec, top));
        line.setAttribute("class", "chart-line " + s.cssClass());
        line.setAttribute("data-series", s.key());
        line.setAttribute("fill", "none");
        Element title = new Element("title");
        title.setText(s.name() + ": now " + spec.valueLabel().apply(s.samples().getLast().value()));
        line.appendChild(title);
        return line;
    }

    private static Element line(double x1, double y1, double x2, double y2, String cssClass) {
        Element line = new Element("line");
        line.setAttribute("x1", SvgNumbers.num(x1));
        line.setAttribute("y1", SvgNumbers.num(y1));
        line.setAttribute("x2", SvgNumbers.num(x2));
        line.setAttribute("y2", SvgNumbers.num(y2));
        line.setAttribute("class", cssClass);
        return line;
    }

    private static Element text(double x, double y, String anchor, String cssClass, String content) {
        Element text = new Element("text");
        text.setAttribute("x", SvgNumbers.num(x));
        text.setAttribute("y", SvgNumbers.num(y));
        text.setAttribute("text-anchor", anchor);
        text.setAttribute("class", cssClass);
        text.setText(content);
        return text;
    }
}
