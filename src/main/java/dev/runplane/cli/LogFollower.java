package dev.runplane.cli;

import java.io.PrintWriter;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * {@code logs -f}: follows the live stream from a cursor. Every event's id is its line's cursor; after a broken
 * connection it reconnects with {@code Last-Event-ID} set to the last cursor printed, and drops any event at or
 * below it, so nothing is lost or printed twice. It ends once the run has finished and its last lines are printed.
 */
final class LogFollower {
    private final LogSource source;
    private final LogPrinter printer;
    private final PrintWriter err;
    private final Duration statusEvery;
    private final Duration settle;
    private final Duration retry;

    LogFollower(LogSource source, LogPrinter printer, PrintWriter err) {
        // the run's status is checked every few seconds; after it finished, lines still being ingested get a
        // moment to arrive before the stream is closed
        this(source, printer, err, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    LogFollower(LogSource source, LogPrinter printer, PrintWriter err, Duration statusEvery, Duration settle,
                Duration retry) {
        this.source = source;
        this.printer = printer;
        this.err = err;
        this.statusEvery = statusEvery;
        this.settle = settle;
        this.retry = retry;
    }

    /** @param from the cursor of the last line already printed (0: none) */
    void follow(long from) throws InterruptedException {
        long last = from;
        boolean reconnecting = false;
        boolean warned = false;
        boolean finished = source.runFinished();
        while (!finished) {
            try (SseConnection stream = new SseConnection(source.openStream(last, reconnecting ? last : null))) {
                warned = false;
                Outcome result = read(stream, last);
                last = result.last;
                finished = result.finished;
                if (finished) {
                    break;
                }
            } catch (CliException.Unreachable e) {
                if (!warned) {
                    err.println("lost the connection (" + e.getMessage() + "); reconnecting…");
                    err.flush();
                    warned = true;
                }
            }
            reconnecting = true;
            Thread.sleep(retry);
            if (source.runFinished()) {
                Thread.sleep(settle); // it finished while we were away: let its last lines be stored
                finished = true;
            }
        }
        // whatever the stream had not delivered yet (or what arrived while disconnected) comes from the pages
        source.printAfter(last, null, printer);
    }

    private record Outcome(long last, boolean finished) {
    }

    private Outcome read(SseConnection stream, long from) throws InterruptedException {
        long last = from;
        long nextCheck = System.nanoTime() + statusEvery.toNanos();
        long closeAt = Long.MAX_VALUE;
        while (System.nanoTime() < closeAt) {
            SseReader.Event event = stream.poll(Duration.ofMillis(200));
            if (event == SseConnection.END) {
                return new Outcome(last, closeAt != Long.MAX_VALUE);
            }
            if (event != null && event.id() != null && event.data() != null) {
                long id = cursor(event.id());
                if (id > last) {
                    JsonNode line = Json.parse(event.data());
                    printer.print(line);
                    printer.flush();
                    last = id;
                }
            }
            if (closeAt == Long.MAX_VALUE && System.nanoTime() >= nextCheck) {
                nextCheck = System.nanoTime() + statusEvery.toNanos();
                if (source.runFinished()) {
                    closeAt = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return new Outcome(last, true);
    }

    private static long cursor(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1; // not a line event: ignore it
        }
    }
}
