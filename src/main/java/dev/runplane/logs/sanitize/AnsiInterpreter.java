package dev.runplane.logs.sanitize;

import java.util.ArrayList;
import java.util.List;

/**
 * Interprets the terminal controls of one line, once: SGR colour becomes spans, every other escape sequence and
 * control character disappears, {@code \r} and backspace act on this line only. A new instance per line keeps
 * {@link LineSanitizer} thread-safe; it is only created for lines that contain controls at all.
 */
final class AnsiInterpreter {
    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;
    private static final char ST = 0x9C;
    private static final int MAX_PARAMS = 32;
    private static final int MAX_PARAM_VALUE = 100_000;

    private final String in;
    private final StringBuilder out;
    private final List<Span> spans = new ArrayList<>(4);
    private final int[] params = new int[MAX_PARAMS];
    /** colonAfter[i]: parameter i is joined to the next by ':' (ITU sub-parameters, e.g. {@code 38:2::r:g:b}). */
    private final boolean[] colonAfter = new boolean[MAX_PARAMS];
    private String fg;
    private String bg;
    private boolean bold;
    private boolean italic;
    private boolean underline;
    private int runStart;
    /** A '\r' was seen; the line restarts at the next printed character, so a trailing '\r' erases nothing. */
    private boolean carriageReturn;

    private AnsiInterpreter(String in) {
        this.in = in;
        this.out = new StringBuilder(in.length());
    }

    static SanitizedLine interpret(String line) {
        return new AnsiInterpreter(line).run();
    }

    static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F;
    }

    private SanitizedLine run() {
        int n = in.length();
        int i = 0;
        while (i < n) {
            char c = in.charAt(i);
            if (c == ESC) {
                i = escape(i + 1);
                continue;
            }
            if (c == '\r') {
                carriageReturn = true;
            } else if (c == '\b') {
                backspace();
            } else if (!isControl(c)) {
                print(c);
            }
            i++;
        }
        closeRun();
        return new SanitizedLine(out.toString(), spans);
    }

    /** @return the index after the sequence that starts with ESC at {@code i - 1} */
    private int escape(int i) {
        if (i >= in.length()) {
            return i;
        }
        return switch (in.charAt(i)) {
            case '[' -> csi(i + 1);
            case ']', 'P', 'X', '^', '_' -> controlString(i + 1); // OSC, DCS, SOS, PM, APC
            default -> {
                while (i < in.length() && in.charAt(i) >= 0x20 && in.charAt(i) <= 0x2F) {
                    i++; // intermediates, e.g. ESC ( B
                }
                yield i < in.length() && in.charAt(i) >= 0x30 && in.charAt(i) <= 0x7E ? i + 1 : i;
            }
        };
    }

    private int csi(int i) {
        int start = i;
        boolean sgrParams = true;
        for (; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c >= 0x40 && c <= 0x7E) {
                if (c == 'm' && sgrParams) {
                    sgr(start, i);
                }
                return i + 1;
            }
            if (c < 0x20 || c > 0x7E) {
                return i; // malformed: abandon the sequence like a terminal, the character itself is processed
            }
            sgrParams &= c >= '0' && c <= '9' || c == ';' || c == ':';
        }
        return i; // unterminated at end of line: drop it
    }

    /** Skips a string sequence up to BEL or ST; a terminal swallows an unterminated one, and so do we. */
    private int controlString(int i) {
        for (; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == BEL || c == ST) {
                return i + 1;
            }
            if (c == ESC) {
                return i + 1 < in.length() && in.charAt(i + 1) == '\\' ? i + 2 : i;
            }
        }
        return i;
    }

    private void sgr(int from, int to) {
        closeRun();
        int count = 0;
        int value = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? in.charAt(i) : ';';
            if (c >= '0' && c <= '9') {
                value = Math.min(value * 10 + c - '0', MAX_PARAM_VALUE);
            } else if (count < MAX_PARAMS) {
                params[count] = value;
                colonAfter[count++] = c == ':';
                value = 0;
            }
        }
        for (int k = 0; k < count; k++) {
            int p = params[k];
            switch (p) {
                case 0 -> {
                    fg = bg = null;
                    bold = italic = underline = false;
                }
                case 1 -> bold = true;
                case 3 -> italic = true;
                case 4 -> underline = true;
                case 22 -> bold = false;
                case 23 -> italic = false;
                case 24 -> underline = false;
                case 39 -> fg = null;
                case 49 -> bg = null;
                case 38, 48 -> k = extendedColour(k, count, p == 38);
                default -> basicColour(p);
            }
        }
    }

    private void basicColour(int p) {
        if (p >= 30 && p <= 37) {
            fg = AnsiColors.basic(p - 30);
        } else if (p >= 90 && p <= 97) {
            fg = AnsiColors.bright(p - 90);
        } else if (p >= 40 && p <= 47) {
            bg = AnsiColors.basic(p - 40);
        } else if (p >= 100 && p <= 107) {
            bg = AnsiColors.bright(p - 100);
        }
    }

    /** Handles {@code 38;5;n}, {@code 38;2;r;g;b} and the colon forms; @return the last parameter index used. */
    private int extendedColour(int k, int count, boolean foreground) {
        if (k + 1 >= count) {
            return k;
        }
        int mode = params[k + 1];
        int last;
        String colour = null;
        if (colonAfter[k]) {
            last = k + 1;
            while (last < count - 1 && colonAfter[last]) {
                last++;
            }
            int first = last - k >= 4 ? last - 2 : -1; // 38:2:r:g:b or 38:2:cs:r:g:b: the last three are r, g, b
            if (mode == 5 && last >= k + 2) {
                colour = AnsiColors.indexed(params[k + 2]);
            } else if (mode == 2 && first > 0) {
                colour = AnsiColors.rgb(params[first], params[first + 1], params[first + 2]);
            }
        } else if (mode == 5) {
            last = Math.min(k + 2, count - 1);
            colour = last == k + 2 ? AnsiColors.indexed(params[last]) : null;
        } else if (mode == 2) {
            last = Math.min(k + 4, count - 1);
            colour = last == k + 4 ? AnsiColors.rgb(params[k + 2], params[k + 3], params[k + 4]) : null;
        } else {
            last = k + 1;
        }
        if (colour != null) {
            if (foreground) {
                fg = colour;
            } else {
                bg = colour;
            }
        }
        return last;
    }

    private void print(char c) {
        if (carriageReturn) {
            carriageReturn = false;
            out.setLength(0);
            spans.clear();
            runStart = 0;
        }
        out.append(c);
    }

    private void backspace() {
        int length = out.length();
        if (carriageReturn || length == 0) {
            return; // the cursor is at the start of the line
        }
        length--;
        if (length > 0 && Character.isLowSurrogate(out.charAt(length))
                && Character.isHighSurrogate(out.charAt(length - 1))) {
            length--;
        }
        out.setLength(length);
        runStart = Math.min(runStart, length);
        while (!spans.isEmpty() && spans.getLast().end() > length) {
            Span last = spans.removeLast();
            if (last.start() < length) {
                spans.add(last.withRange(last.start(), length));
            }
        }
    }

    private void closeRun() {
        int end = out.length();
        if (end > runStart && (fg != null || bg != null || bold || italic || underline)) {
            Span span = new Span(runStart, end, fg, bg, bold, italic, underline);
            Span last = spans.isEmpty() ? null : spans.getLast();
            if (last != null && last.end() == runStart && last.sameStyle(span)) {
                spans.removeLast();
                span = last.withRange(last.start(), end);
            }
            spans.add(span);
        }
        runStart = end;
    }
}
