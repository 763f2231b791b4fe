package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Logs without -f: every stored line once, paged by cursor, merged with a replica prefix or one replica bare. */
class LogsCommandTest {
    private static final String LOGS = "/api/v1/projects/default/runs/web/logs";

    @TempDir
    Path home;

    /** Serves {@code count} lines alternating between replicas 0 and 1, one second apart, honouring after/limit. */
    private static FakeRunplane serving(FakeRunplane server, int count) {
        return server.on("GET " + LOGS, (request, exchange) -> {
            Map<String, String> query = query(request.query());
            long after = Long.parseLong(query.getOrDefault("after", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
            ArrayNode lines = Json.JSON.createArrayNode();
            for (long cursor = after + 1; cursor <= count && lines.size() < limit; cursor++) {
                int replica = (int) (cursor % 2);
                if (query.containsKey("replica") && Integer.parseInt(query.get("replica")) != replica) {
                    continue;
                }
                lines.add(Json.JSON.createObjectNode().put("cursor", cursor).put("replicaNum", replica)
                        .put("submissionNum", 0).put("stream", "stdout")
                        .put("time", CliRunner.NOW.minusSeconds(count - cursor).toString())
                        .put("text", "line " + cursor));
            }
            ObjectNode page = Json.JSON.createObjectNode();
            page.set("lines", lines);
            FakeRunplane.send(exchange, 200, "application/json", Json.compact(page));
        });
    }

    private static Map<String, String> query(String query) {
        return java.util.Arrays.stream(query.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    @Test
    void mergedLinesArePrefixedWithTheirReplicaAndReadPageByPage() throws Exception {
        try (FakeRunplane server = serving(new FakeRunplane(), LogSource.PAGE + 3)) {
            CliRunner.Result result = new CliRunner(home).server(server).run("logs", "web");

            assertThat(result.exitCode()).as(result.err()).isZero();
            List<String> lines = result.out().lines().toList();
            assertThat(lines).hasSize(LogSource.PAGE + 3);
            assertThat(lines.getFirst()).isEqualTo("[r1] line 1");
            assertThat(lines.get(1)).isEqualTo("[r0] line 2");
            assertThat(lines.getLast()).isEqualTo("[r1] line " + (LogSource.PAGE + 3));
            List<String> afters = new ArrayList<>();
            server.requests().forEach(r -> afters.add(query(r.query()).get("after")));
            assertThat(afters).containsExactly("0", Integer.toString(LogSource.PAGE));
        }
    }

    @Test
    void oneReplicasLinesComeWithoutPrefix() throws Exception {
        try (FakeRunplane server = serving(new FakeRunplane(), 6)) {
            CliRunner.Result result = new CliRunner(home).server(server).run("logs", "web", "--replica", "0");

            assertThat(result.out()).isEqualTo("line 2\nline 4\nline 6\n");
            assertThat(query(server.requests().getFirst().query())).containsEntry("replica", "0");
        }
    }

    @Test
    void sinceLeavesOutOlderLines() throws Exception {
        try (FakeRunplane server = serving(new FakeRunplane(), 10)) {
            CliRunner.Result result = new CliRunner(home).server(server).run("logs", "web", "--since", "2s");

            assertThat(result.out()).isEqualTo("[r0] line 8\n[r1] line 9\n[r0] line 10\n");
        }
    }

    @Test
    void jsonPrintsOneLineObjectPerLine() throws Exception {
        try (FakeRunplane server = serving(new FakeRunplane(), 2)) {
            CliRunner.Result result = new CliRunner(home).server(server).run("logs", "web", "--json");

            List<String> lines = result.out().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(Json.parse(lines.get(1)).get("text").asString()).isEqualTo("line 2");
        }
    }
}
