package dev.runplane.ui.logs;

/**
 * One styled piece of a log line as the browser renders it. Public only because the renderer serialises it by
 * reflection; the text is bound as a text node there, never as HTML.
 *
 * @param cls   CSS classes from a fixed set ({@code ansi-fg-red ansi-b} …), or ""
 * @param style an inline colour from a validated {@code #rrggbb} value, or ""
 * @param mark  a match of the log search: rendered as {@code <mark>}
 */
public record LogSegment(String text, String cls, String style, boolean mark) {
    public LogSegment(String text, String cls, String style) {
        this(text, cls, style, false);
    }
}
