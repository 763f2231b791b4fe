package dev.runplane.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a person's terminal: only then do watch modes redraw in place with ANSI codes. */
final class Terminal {
    /** Cursor home; each line then clears its rest ({@code ESC[K}) and the frame clears below itself, so no flicker. */
    static final String HOME = "\u001b[H";
    static final String CLEAR_LINE = "\u001b[K";
    static final String CLEAR_BELOW = "\u001b[J";

    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // Java 22+ returns a Console even when output is redirected and says so through isTerminal(); on Java 21
        // System.console() is null unless both ends are a terminal, which the check above already covered
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** A whole frame in one write: home, each line followed by clear-to-end-of-line, then clear the rest. */
    static String redraw(String frame) {
        StringBuilder out = new StringBuilder(HOME);
        frame.lines().forEach(line -> out.append(line).append(CLEAR_LINE).append('\n'));
        return out.append(CLEAR_BELOW).toString();
    }
}
