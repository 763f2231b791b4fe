package dev.runplane.logs.sanitize;

import java.util.Objects;

/**
 * One line as decoded from a replica's byte stream, without its line terminator.
 *
 * @param cut          true when the physical line was longer than the decoder's limit: this is its kept start
 * @param cutLineChars on the empty line that follows a cut line once its newline arrives: the characters of the
 *                     whole physical line (0 on every other line)
 */
public record DecodedLine(String text, boolean cut, long cutLineChars) {
    public DecodedLine {
        Objects.requireNonNull(text, "text");
    }

    public DecodedLine(String text, boolean cut) {
        this(text, cut, 0);
    }

    /** The end of a cut line whose rest was skipped: no text, the whole line's length in characters. */
    public boolean endsCutLine() {
        return cutLineChars > 0;
    }
}
