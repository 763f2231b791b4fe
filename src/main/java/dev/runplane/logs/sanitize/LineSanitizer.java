package dev.runplane.logs.sanitize;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes one decoded line safe to store and show: terminal controls interpreted or stripped (see
 * {@link AnsiInterpreter}), secrets masked, length capped with a visible marker. Thread-safe; HTML is left alone
 * because output escapes it.
 */
public final class LineSanitizer {
    private static final String CUT_MARKER_START = " … [line cut at ";
    private static final String CUT_MARKER_END = " characters]";
    /** For a line that arrived whole: the count of what was cut off is known at once. */
    private static final String SKIPPED_END = " more skipped]";

    private final int maxChars;

    public LineSanitizer(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** The longest text {@link #sanitize} can return, marker included: size storage columns by this. */
    public int maxTextLength() {
        return maxChars + CUT_MARKER_START.length() + 2 * String.valueOf(Integer.MAX_VALUE).length()
                + CUT_MARKER_END.length() + SKIPPED_END.length() + 2;
    }

    public SanitizedLine sanitize(String line) {
        return sanitize(line, false, SecretMasker.NONE);
    }

    /** @param cut the decoder split this physical line; the piece gets a marker */
    public SanitizedLine sanitize(String line, boolean cut) {
        return sanitize(line, cut, SecretMasker.NONE);
    }

    /**
     * Masks secrets on the plain text, after colour codes are gone (so a secret split by them is still found) and
     * before the length cap (so a cut cannot leave half a secret behind); spans are kept aligned.
     */
    public SanitizedLine sanitize(String line, boolean cut, SecretMasker masker) {
        SanitizedLine plain = hasControls(line) ? AnsiInterpreter.interpret(line) : new SanitizedLine(line, List.of());
        return limit(masker.mask(plain), cut);
    }

    private static boolean hasControls(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (AnsiInterpreter.isControl(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private SanitizedLine limit(SanitizedLine line, boolean cut) {
        String text = line.text();
        if (text.length() <= maxChars) {
            // the decoder kept this much of a longer line; the count of the rest follows with cutSummary
            return cut ? new SanitizedLine(text + CUT_MARKER_START + text.codePointCount(0, text.length())
                    + CUT_MARKER_END, line.spans()) : line;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        int kept = text.codePointCount(0, end);
        int more = text.codePointCount(end, text.length());
        List<Span> spans = new ArrayList<>(line.spans().size());
        for (Span span : line.spans()) {
            if (span.start() < end) {
                spans.add(span.end() <= end ? span : span.withRange(span.start(), end));
            }
        }
        String marker = cut ? CUT_MARKER_START + kept + CUT_MARKER_END
                : CUT_MARKER_START + kept + " characters; " + more + SKIPPED_END;
        return new SanitizedLine(text.substring(0, end) + marker, spans);
    }

    /**
     * The line that follows a line the decoder cut, once its newline arrived: how much of it was skipped.
     *
     * @param lineChars the characters of the whole physical line ({@link DecodedLine#cutLineChars()})
     */
    public String cutSummary(long lineChars) {
        long kept = Math.min(maxChars, lineChars);
        return "[runplane] the line cut at " + kept + " characters had " + (lineChars - kept)
                + " more characters, skipped";
    }
}
