package dev.runplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open event stream, read on its own virtual thread into a queue. The follower polls the queue with a timeout,
 * so it can look at the run's status now and then without ever interrupting a blocked read.
 */
final class SseConnection implements AutoCloseable {
    /** Put on the queue when the stream ends or breaks. */
    static final SseReader.Event END = new SseReader.Event(null, null, null);

    private final InputStream body;
    private final BlockingQueue<SseReader.Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    SseConnection(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().name("runplane-sse").start(this::read);
    }

    /** @return the next event, {@link #END}, or null when nothing arrived within the timeout */
    SseReader.Event poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try {
            SseReader sse = new SseReader(body);
            for (SseReader.Event event = sse.next(); event != null; event = sse.next()) {
                events.add(event);
            }
        } catch (IOException e) {
            // a broken connection ends the stream like a closed one: the follower reconnects either way
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            body.close();
        } catch (IOException e) {
            // already broken
        }
    }
}
