package dev.runplane.ui.logs;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.sanitize.SanitizedLine;
import dev.runplane.logs.sanitize.Span;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a stored line into what the browser template binds: plain strings only. Colours become classes from a fixed
 * set or a validated {@code #rrggbb}; anything else in the stored spans is ignored, so even a tampered row cannot
 * inject markup or styles.
 */
final class LogRendering {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> NAMES = Set.of("black", "red", "green", "yellow", "blue", "magenta", "cyan",
            "white");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private LogRendering() {
    }

    static String time(LogLine line) {
        return TIME.format(line.time());
    }

    static String tag(LogLine line) {
        return "r" + line.replicaNum();
    }

    static String streamClass(LogLine line) {
        return switch (line.stream()) {
            case "stderr" -> "log-stderr";
            case "stdout" -> "log-stdout";
            default -> "log-system";
        };
    }

    /** The line cut into styled segments, or null when it has no style (the template then binds the plain text). */
    static List<LogSegment> segments(String text, String spansJson) {
        if (spansJson == null || spansJson.isBlank()) {
            return null;
        }
        List<Span> spans;
        try {
            spans = SanitizedLine.parseSpansJson(spansJson);
        } catch (RuntimeException e) {
            return null;
        }
        List<LogSegment> segments = new ArrayList<>();
        int at = 0;
        for (Span span : spans) {
            int start = Math.max(span.start(), at);
            int end = Math.min(span.end(), text.length());
            if (start >= end) {
                continue;
            }
            if (start > at) {
                segments.add(new LogSegment(text.substring(at, start), "", ""));
            }
            segments.add(new LogSegment(text.substring(start, end), classes(span), style(span)));
            at = end;
        }
        if (segments.isEmpty()) {
            return null;
        }
        if (at < text.length()) {
            segments.add(new LogSegment(text.substring(at), "", ""));
        }
        return segments;
    }

    /**
     * The line's segments with every occurrence of {@code query} marked (the server's search: a case-sensitive
     * substring), styles kept; without a query, or when nothing matches, what {@link #segments(String, String)}
     * gives.
     */
    static List<LogSegment> segments(String text, String spansJson, String query) {
        List<LogSegment> styled = segments(text, spansJson);
        if (query == null || query.isEmpty() || !text.contains(query)) {
            return styled;
        }
        List<LogSegment> base = styled != null ? styled : List.of(new LogSegment(text, "", ""));
        List<LogSegment> out = new ArrayList<>();
        int offset = 0; // where the current segment starts in the whole text
        int match = text.indexOf(query);
        for (LogSegment segment : base) {
            int end = offset + segment.text().length();
            int at = offset;
            while (at < end) {
                while (match >= 0 && match + query.length() <= at) {
                    match = text.indexOf(query, match + query.length());
                }
                if (match < 0 || match >= end) {
                    out.add(new LogSegment(text.substring(at, end), segment.cls(), segment.style()));
                    break;
                }
                if (match > at) {
                    out.add(new LogSegment(text.substring(at, match), segment.cls(), segment.style()));
                    at = match;
                }
                int stop = Math.min(end, match + query.length());
                out.add(new LogSegment(text.substring(at, stop), segment.cls(), segment.style(), true));
                at = stop;
            }
            offset = end;
        }
        return out;
    }

    static String classes(Span span) {
        StringBuilder b = new StringBuilder();
        colourClass(b, "ansi-fg-", span.fg());
        colourClass(b, "ansi-bg-", span.bg());
        if (span.bold()) {
            b.append(" ansi-b");
        }
        if (span.italic()) {
            b.append(" ansi-i");
        }
        if (span.underline()) {
            b.append(" ansi-u");
        }
        return b.toString().trim();
    }

    static String style(Span span) {
        StringBuilder b = new StringBuilder();
        if (span.fg() != null && HEX.matcher(span.fg()).matches()) {
            b.append("color:").append(span.fg()).append(';');
        }
        if (span.bg() != null && HEX.matcher(span.bg()).matches()) {
            b.append("background-color:").append(span.bg()).append(';');
        }
        return b.toString();
    }

    private static void colourClass(StringBuilder b, String prefix, String colour) {
        if (colour == null) {
            return;
        }
        String base = colour.startsWith("bright-") ? colour.substring("bright-".length()) : colour;
        if (NAMES.contains(base)) {
            b.append(' ').append(prefix).append(colour);
        }
    }
}
