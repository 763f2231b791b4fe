package dev.runplane.logs.sanitize;

import java.util.Objects;

/**
 * A styled run of a sanitised line: {@code [start, end)} in UTF-16 units of the plain text (what Java and
 * JavaScript string indices count). Colours are names such as {@code red} / {@code bright-red} or {@code #rrggbb};
 * null means the default colour.
 */
public record Span(int start, int end, String fg, String bg, boolean bold, boolean italic, boolean underline) {
    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span range [" + start + ", " + end + ")");
        }
    }

    public boolean sameStyle(Span other) {
        return bold == other.bold && italic == other.italic && underline == other.underline
                && Objects.equals(fg, other.fg) && Objects.equals(bg, other.bg);
    }

    public Span withRange(int newStart, int newEnd) {
        return new Span(newStart, newEnd, fg, bg, bold, italic, underline);
    }
}
