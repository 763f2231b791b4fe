package dev.runplane.ui.metrics;

import java.util.Locale;

/** Numbers as SVG attributes take them: at most two decimals, no exponent, no locale. */
final class SvgNumbers {
    private SvgNumbers() {
    }

    /** "12.5", "0", "29.25". */
    static String num(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        String s = String.format(Locale.ROOT, "%.2f", rounded);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
