package dev.runplane.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The {@code -w} loop of {@code ps} and {@code stats}: draws a frame every two seconds until Ctrl-C. On a terminal
 * the frame replaces the previous one; into a pipe or file the frames follow each other, separated by a blank line.
 * A server that is briefly unreachable shows as a message in the frame instead of ending the watch; any other
 * error (the run was deleted, the token refused) ends it.
 */
final class Watcher {
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private Watcher() {
    }

    /** @param ndjson frames are single JSON lines: into a pipe they follow each other without blank lines */
    static int watch(PrintWriter out, boolean terminal, boolean ndjson, Supplier<String> frame) {
        return watch(out, terminal, ndjson, INTERVAL, frame);
    }

    /** Until the thread is interrupted (Ctrl-C ends the whole JVM anyway). */
    static int watch(PrintWriter out, boolean terminal, boolean ndjson, Duration interval, Supplier<String> frame) {
        if (terminal) {
            out.print("\u001b[2J"); // start from a clean screen once; later frames overwrite in place
        }
        boolean first = true;
        while (!Thread.currentThread().isInterrupted()) {
            String text;
            try {
                text = frame.get();
            } catch (CliException.Unreachable e) {
                text = "error: " + e.getMessage() + "\n"; // a restarting server: keep watching
            }
            if (terminal) {
                out.print(Terminal.redraw(text));
            } else {
                out.print(first || ndjson ? text : "\n" + text);
            }
            out.flush();
            first = false;
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCodes.OK;
    }
}
