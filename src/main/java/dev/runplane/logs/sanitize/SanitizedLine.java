package dev.runplane.logs.sanitize;

import java.util.List;
import java.util.Objects;

/**
 * A log line ready to store: plain text (not HTML-escaped: output escapes) plus its style spans, sorted and
 * non-overlapping.
 */
public record SanitizedLine(String text, List<Span> spans) {
    public SanitizedLine {
        Objects.requireNonNull(text, "text");
        spans = List.copyOf(spans);
        for (Span span : spans) {
            if (span.end() > text.length()) {
                throw new IllegalArgumentException("span " + span + " beyond text length " + text.length());
            }
        }
    }

    /** Compact JSON such as {@code [{"s":0,"e":3,"fg":"red","b":1}]}, or "" when there are no spans. */
    public String spansJson() {
        return SpansJson.write(spans);
    }

    /** Reads what {@link #spansJson()} wrote; null or blank gives no spans. */
    public static List<Span> parseSpansJson(String json) {
        return SpansJson.read(json);
    }
}
