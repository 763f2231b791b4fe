package dev.runplane.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal Server-Sent-Events reader: collects (id, data) pairs on a background thread until closed. */
public final class SseClient implements AutoCloseable {
    /** @param receivedAt wall-clock millis when the event arrived */
    public record Event(String id, String data, long receivedAt) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile int status;
    private volatile long endedAt;

    public SseClient(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient http = HttpClient.newHttpClient();
        reader = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                HttpResponse<InputStream> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, data.toString(), System.currentTimeMillis()));
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (Exception e) {
                // closed by the test, or the server ended the stream
            }
            endedAt = System.currentTimeMillis();
        });
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public int status() {
        return status;
    }

    /** Wall-clock millis when the stream ended (the server closed it, or the test did); 0 while it is open. */
    public long endedAt() {
        return endedAt;
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception ignored) {
            // closing a stream the server may already have ended
        }
        reader.interrupt();
    }
}
