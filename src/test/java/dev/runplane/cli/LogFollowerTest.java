package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code logs -f} across a dropped connection: nothing lost, nothing twice, and it ends with the run. */
class LogFollowerTest {
    private static final String RUN = "/api/v1/projects/default/runs/web";

    private static String event(long cursor) {
        return "id:" + cursor + "\nevent:line\ndata:{\"cursor\":" + cursor + ",\"replicaNum\":0,\"text\":\"line "
                + cursor + "\"}\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    @Timeout(20)
    void aDroppedStreamResumesFromTheLastCursorWithoutGapsOrRepeats() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger connections = new AtomicInteger();
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        List<String> streamQueries = new CopyOnWriteArrayList<>();
        try (FakeRunplane server = new FakeRunplane()) {
            server.on("GET " + RUN, (request, exchange) -> FakeRunplane.send(exchange, 200, "application/json",
                    "{\"name\":\"web\",\"status\":\"" + (finished.get() ? "TERMINATED" : "RUNNING") + "\"}"));
            server.on("GET " + RUN + "/logs/stream", (request, exchange) -> {
                lastEventIds.add(String.valueOf(request.header("Last-Event-ID")));
                streamQueries.add(request.query());
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                if (connections.incrementAndGet() == 1) {
                    write(out, ":keep-alive\n\n" + event(1) + event(2) + event(3));
                    return; // the connection drops
                }
                // a server may resend what the client already has: the client must drop it
                write(out, event(3) + event(4) + event(5));
                finished.set(true);
                hold(exchange, out);
            });
            server.on("GET " + RUN + "/logs", (request, exchange) -> FakeRunplane.send(exchange, 200,
                    "application/json", request.query().contains("after=5")
                            ? "{\"lines\":[{\"cursor\":6,\"replicaNum\":0,\"text\":\"line 6\"}]}"
                            : "{\"lines\":[]}"));
            StringWriter out = new StringWriter();
            RunplaneApi api = new RunplaneApi(new CliConfig(server.url(), "rp_test_token_0123456789abcdef", "default"));
            LogFollower follower = new LogFollower(new LogSource(api, "web", null),
                    new LogPrinter(new PrintWriter(out), true, false), new PrintWriter(new StringWriter()),
                    Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50));

            follower.follow(0);

            assertThat(out.toString()).isEqualTo("[r0] line 1\n[r0] line 2\n[r0] line 3\n[r0] line 4\n"
                    + "[r0] line 5\n[r0] line 6\n");
            assertThat(lastEventIds).containsExactly("null", "3");
            assertThat(streamQueries).containsExactly("after=0", "after=3");
        }
    }

    @Test
    @Timeout(20)
    void aFinishedRunIsNotFollowedAtAll() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUN, 200, "{\"name\":\"web\",\"status\":\"DONE\"}");
            server.json("GET " + RUN + "/logs", 200, "{\"lines\":[]}");
            RunplaneApi api = new RunplaneApi(new CliConfig(server.url(), "rp_test_token_0123456789abcdef", "default"));

            new LogFollower(new LogSource(api, "web", 1), new LogPrinter(new PrintWriter(new StringWriter()), false,
                    false), new PrintWriter(new StringWriter())).follow(42);

            assertThat(server.requests()).extracting(FakeRunplane.Request::path)
                    .doesNotContain(RUN + "/logs/stream");
            assertThat(server.requests().getLast().query()).isEqualTo("limit=5000&after=42&replica=1");
        }
    }

    /** Keeps a stream open with keep-alive comments until the client goes away (at most a few seconds). */
    private static void hold(HttpExchange exchange, OutputStream out) {
        try {
            for (int i = 0; i < 50; i++) {
                Thread.sleep(100);
                write(out, ":keep-alive\n\n");
            }
        } catch (IOException | InterruptedException e) {
            // the client closed the stream, as it should once the run finished
        }
    }
}
