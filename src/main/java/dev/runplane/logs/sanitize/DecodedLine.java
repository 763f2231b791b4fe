package dev.runplane.logs.sanitize;

import java.util.Objects;

/**
 * One line as decoded from a replica's byte stream, without its line terminator.
 *
 * @param cut true when the physical line was longer than the decoder's limit and was split into several of these
 */
public record DecodedLine(String text, boolean cut) {
    public DecodedLine {
        Objects.requireNonNull(text, "text");
    }
}
