package dev.runplane.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads Server-Sent Events (the {@code text/event-stream} format) one event at a time; comments are skipped. */
final class SseReader {
    record Event(String id, String name, String data) {
    }

    private final BufferedReader in;

    SseReader(InputStream stream) {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** @return the next event with data, or null when the stream has ended */
    Event next() throws IOException {
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, name, data.toString());
                }
                id = null;
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a keep-alive comment
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // "retry" and unknown fields: nothing the CLI needs
                }
            }
        }
        return null;
    }
}
