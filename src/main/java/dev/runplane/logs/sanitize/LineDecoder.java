package dev.runplane.logs.sanitize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits one output stream of one replica submission into UTF-8 decoded lines. Not thread-safe: one instance per
 * (submission, stream).
 *
 * <p>Bytes of the current line stay raw until the line is complete, so a multi-byte character split across two
 * {@link #feed} calls decodes intact. Memory is bounded by {@code maxLineBytes}: of a longer line only the first
 * {@code maxLineBytes} (ending on a character boundary) are emitted, at once and flagged {@code cut}; the rest is
 * skipped until its newline, counting characters, and then one more, empty line carries the whole line's length
 * ({@link DecodedLine#cutLineChars()}). A 10 MB line is so one stored line and one count, not 160 pieces.
 * {@link #consumedBytes()} only counts bytes of emitted lines (skipped bytes count as emitted), so a caller that
 * persists {@code start + consumedBytes()} and re-feeds from there after a restart gets no gaps and no duplicates.
 * (After a restart in the middle of a skipped rest, that rest arrives as a line of its own.)
 */
public final class LineDecoder {
    private static final int MIN_LINE_BYTES = 4; // a cut must always make progress past one 4-byte character

    private final int maxLineBytes;
    /** One byte beyond the limit so a '\r' right at the limit can wait for its '\n' instead of forcing a cut. */
    private final byte[] pending;
    private int pendingLength;
    private boolean continuing;
    /** Inside the rest of a cut line: bytes are counted, not kept, until the newline. */
    private boolean skipping;
    private long cutLineChars;
    private long fedBytes;

    public LineDecoder(int maxLineBytes) {
        if (maxLineBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be at least " + MIN_LINE_BYTES + ": " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.pending = new byte[maxLineBytes + 1];
    }

    /** @return the lines completed (or cut) by these bytes, in order; the unterminated tail waits for more */
    public List<DecodedLine> feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        List<DecodedLine> lines = new ArrayList<>();
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                endLine(bytes, lineStart, i - lineStart, lines);
                lineStart = i + 1;
            }
        }
        append(bytes, lineStart, end - lineStart, lines);
        fedBytes += length;
        return lines;
    }

    /** The replica has ended: whatever is pending becomes the last line. */
    public List<DecodedLine> flush() {
        if (skipping) {
            List<DecodedLine> lines = new ArrayList<>(1);
            endSkipping(lines);
            return lines;
        }
        if (pendingLength == 0) {
            continuing = false;
            return List.of();
        }
        List<DecodedLine> lines = new ArrayList<>(2);
        emitPending(lines);
        return lines;
    }

    /** Input bytes that are fully part of emitted lines; never points into an unemitted line. */
    public long consumedBytes() {
        return fedBytes - pendingLength;
    }

    private void endLine(byte[] bytes, int offset, int length, List<DecodedLine> lines) {
        if (skipping) {
            int n = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
            cutLineChars += characters(bytes, offset, n);
            endSkipping(lines);
            return;
        }
        int n = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
        if (pendingLength == 0 && !continuing && n <= maxLineBytes) {
            // fast path: the whole line is in this chunk, decode it straight from the caller's array
            lines.add(new DecodedLine(decode(bytes, offset, n), false));
            return;
        }
        append(bytes, offset, length, lines);
        if (skipping && n < length) {
            cutLineChars--; // the '\r' of a CRLF ending was counted with the skipped rest
        }
        emitPending(lines);
    }

    private void emitPending(List<DecodedLine> lines) {
        if (pendingLength > 0 && pending[pendingLength - 1] == '\r') {
            pendingLength--;
        }
        if (pendingLength > maxLineBytes) {
            cut(lines);
        }
        if (skipping) {
            endSkipping(lines);
            return;
        }
        lines.add(new DecodedLine(decode(pending, 0, pendingLength), continuing));
        pendingLength = 0;
        continuing = false;
    }

    /** Bytes without a '\n'. Cuts lazily, only once more bytes arrive for a full buffer. */
    private void append(byte[] bytes, int offset, int length, List<DecodedLine> lines) {
        while (length > 0) {
            if (skipping) {
                cutLineChars += characters(bytes, offset, length);
                return;
            }
            if (pendingLength == pending.length) {
                cut(lines);
                continue;
            }
            int n = Math.min(length, pending.length - pendingLength);
            System.arraycopy(bytes, offset, pending, pendingLength, n);
            pendingLength += n;
            offset += n;
            length -= n;
        }
    }

    /** Emits the kept start of an over-long line and switches to skipping its rest. */
    private void cut(List<DecodedLine> lines) {
        int k = characterBoundary(pending, maxLineBytes);
        String kept = decode(pending, 0, k);
        lines.add(new DecodedLine(kept, true));
        cutLineChars = kept.codePointCount(0, kept.length()) + characters(pending, k, pendingLength - k);
        pendingLength = 0;
        skipping = true;
        continuing = false;
    }

    private void endSkipping(List<DecodedLine> lines) {
        lines.add(new DecodedLine("", false, cutLineChars));
        skipping = false;
        cutLineChars = 0;
    }

    /** Code points in UTF-8 bytes (every byte that is not a continuation byte starts one; bad bytes count as one). */
    private static long characters(byte[] bytes, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    /** The largest cut position at or before {@code end} that does not split a UTF-8 sequence. */
    static int characterBoundary(byte[] bytes, int end) {
        for (int i = end - 1; i >= end - 3 && i >= 0; i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for its lead byte
            }
            int needed = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return i + needed > end ? i : end;
        }
        return end; // only continuation bytes: malformed anyway, any cut is as good as another
    }

    /** The String constructor replaces malformed input with U+FFFD exactly like a REPLACE CharsetDecoder, faster. */
    private static String decode(byte[] bytes, int offset, int length) {
        return length == 0 ? "" : new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
