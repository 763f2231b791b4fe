package dev.runplane.cli;

import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** The latest resource figures of a run's current replicas (never a scaled-down one: the server decides that). */
@Command(name = "stats", description = "Show CPU, memory and GPU use of a run's current replicas.")
final class StatsCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = {"-w", "--watch"}, description = "Refresh every 2 s until Ctrl-C.")
    boolean watch;

    @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "15m",
            description = "How much history the JSON series covers: 30s, 15m, 1h, 7d (default ${DEFAULT-VALUE}).")
    String window;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        if (watch) {
            return Watcher.watch(out(), cli().terminal(), output.json, this::frame);
        }
        out().print(frame());
        return ExitCodes.OK;
    }

    private String frame() {
        RunplaneApi api = api();
        JsonNode stats = api.get(api.runPath(run) + "/stats?window=" + RunplaneApi.segment(window));
        if (output.json) {
            return (watch ? Json.compact(stats) : Json.pretty(stats)) + "\n";
        }
        JsonNode replicas = stats.path("replicas");
        if (replicas.isEmpty()) {
            return "run " + run + " has no current replicas\n";
        }
        Instant now = cli().clock().instant();
        Table table = new Table("REPLICA", "SUBMISSION", "CPU", "MEMORY", "GPU", "GPU MEMORY", "SAMPLED");
        for (JsonNode r : replicas) {
            JsonNode latest = r.get("latest");
            boolean sampled = latest != null && latest.isObject();
            table.row(Json.integer(r, "replicaNum"), Json.integer(r, "submissionNum"),
                    sampled ? Format.percent(doubleOf(latest, "cpuPercent")) : null,
                    sampled ? Format.bytes(longOf(latest, "memoryBytes")) : null,
                    sampled ? Format.percent(doubleOf(latest, "gpuUtilPercent")) : null,
                    sampled ? Format.bytes(longOf(latest, "gpuMemoryBytes")) : null,
                    sampled ? Format.age(Json.text(latest, "time"), now) + " ago" : "not yet");
        }
        return table.render();
    }

    private static Double doubleOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }

    private static Long longOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }
}
