package dev.runplane.ui.metrics;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;
import java.util.List;

/**
 * Bars with labels under them and the largest value on the axis, drawn on the server as SVG (no chart bundle can be
 * built here). Each bar carries a {@code <title>}, so hovering a bar tells its label and value. Text goes in as
 * element text, which Vaadin escapes.
 */
@Tag("svg")
public class BarChart extends SvgChart {
    static final double WIDTH = 600;
    static final double HEIGHT = 160;
    static final double LEFT = 56;
    static final double BOTTOM = 20;
    static final double TOP = 8;

    /** One bar: the label under it (may be empty to keep the axis quiet), its value, and the hover text. */
    public record Bar(String label, double value, String hover) {
    }

    public BarChart() {
        super("bar-chart", WIDTH, HEIGHT);
    }


    /** Tells screen readers what the chart shows, for example "Cost per day, December". */
    public void setLabel(String label) {
        getElement().setAttribute("aria-label", label);
    }

    /** Redraws the chart; {@code axisLabel} formats the top of the scale (for example "$12.40"). */
    public void show(List<Bar> bars, java.util.function.DoubleFunction<String> axisLabel) {
        Element svg = getElement();
        svg.removeAllChildren();
        double max = bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(0);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double plotWidth = WIDTH - LEFT;
        svg.appendChild(line(LEFT, HEIGHT - BOTTOM, WIDTH, HEIGHT - BOTTOM, "chart-axis"));
        svg.appendChild(line(LEFT, TOP, WIDTH, TOP, "chart-grid"));
        svg.appendChild(text(LEFT - 6, TOP + 4, "end", axisLabel.apply(max)));
        svg.appendChild(text(LEFT - 6, HEIGHT - BOTTOM, "end", axisLabel.apply(0)));
        if (bars.isEmpty()) {
            return;
        }
        double slot = plotWidth / bars.size();
        double barWidth = Math.max(1, slot * 0.7);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double value = Double.isFinite(bar.value()) ? Math.max(0, bar.value()) : 0;
            double h = max > 0 ? value / max * plotHeight : 0;
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            Element rect = new Element("rect");
            rect.setAttribute("x", SvgNumbers.num(x));
            rect.setAttribute("y", SvgNumbers.num(HEIGHT - BOTTOM - h));
            rect.setAttribute("width", SvgNumbers.num(barWidth));
            rect.setAttribute("height", SvgNumbers.num(Math.max(h, value > 0 ? 1 : 0)));
            rect.setAttribute("class", "chart-bar");
            Element title = new Element("title");
            title.setText(bar.hover());
            rect.appendChild(title);
            svg.appendChild(rect);
            if (!bar.label().isEmpty()) {
                svg.appendChild(text(x + barWidth / 2, HEIGHT - 5, "middle", bar.label()));
            }
        }
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

    private static Element text(double x, double y, String anchor, String content) {
        Element text = new Element("text");
        text.setAttribute("x", SvgNumbers.num(x));
        text.setAttribute("y", SvgNumbers.num(y));
        text.setAttribute("text-anchor", anchor);
        text.setAttribute("class", "chart-label");
        text.setText(content);
        return text;
    }
}
