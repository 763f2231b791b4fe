package dev.runplane.ui.metrics;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart of a numeric series, drawn on the server as SVG. The series is spread evenly across the width,
 * oldest on the left; the vertical scale runs from 0 to {@code max} (or to the series' own largest value). The size
 * comes from CSS (class {@code sparkline}); the drawing stretches to it. Only numbers go into the SVG, formatted
 * without locale.
 */
@Tag("svg")
public class Sparkline extends Component implements HasStyle {
    static final double WIDTH = 100;
    static final double HEIGHT = 30;
    /** Keeps the stroke at the top and bottom edges inside the picture. */
    static final double PAD = 1.5;

    private final Element line = new Element("polyline");

    public Sparkline() {
        Element svg = getElement();
        svg.setAttribute("viewBox", "0 0 " + num(WIDTH) + " " + num(HEIGHT));
        svg.setAttribute("preserveAspectRatio", "none");
        svg.setAttribute("role", "img");
        svg.setAttribute("focusable", "false");
        addClassName("sparkline");
        line.setAttribute("fill", "none");
        line.setAttribute("vector-effect", "non-scaling-stroke");
        line.setAttribute("class", "sparkline-line");
        svg.appendChild(line);
        setValues(List.of(), null);
    }

    public Sparkline(List<? extends Number> values, Double max) {
        this();
        setValues(values, max);
    }

    /**
     * @param values the series, oldest first; non-finite values count as 0
     * @param max    the top of the scale, or null for the largest value of the series
     */
    public void setValues(List<? extends Number> values, Double max) {
        String points = points(values.stream().mapToDouble(Number::doubleValue).toArray(), max);
        line.setAttribute("points", points);
        setClassName("sparkline-empty", points.isEmpty());
    }

    /** Tells screen readers what the picture shows (for example "CPU over 15 minutes"). */
    public void setLabel(String label) {
        getElement().setAttribute("aria-label", label);
    }

    /** The polyline's {@code points}: "x,y x,y …" in the 100×30 view box, y growing downwards. */
    static String points(double[] values, Double max) {
        if (values.length == 0) {
            return "";
        }
        double top = max != null && Double.isFinite(max) && max > 0 ? max : 0;
        if (max == null) {
            for (double v : values) {
                top = Math.max(top, finite(v));
            }
        }
        double[] xs = values.length == 1 ? new double[] {0, WIDTH} : new double[values.length];
        double[] ys = values.length == 1 ? new double[] {values[0], values[0]} : values;
        if (values.length > 1) {
            for (int i = 0; i < values.length; i++) {
                xs[i] = WIDTH * i / (values.length - 1);
            }
        }
        StringBuilder b = new StringBuilder(xs.length * 12);
        for (int i = 0; i < xs.length; i++) {
            double v = Math.clamp(finite(ys[i]), 0, top > 0 ? top : 0);
            double y = top > 0 ? HEIGHT - PAD - v / top * (HEIGHT - 2 * PAD) : HEIGHT - PAD;
            if (i > 0) {
                b.append(' ');
            }
            b.append(num(xs[i])).append(',').append(num(y));
        }
        return b.toString();
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /** At most two decimals, no exponent, no locale: "12.5", "0", "29.25". */
    static String num(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        String s = String.format(Locale.ROOT, "%.2f", rounded);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
