package dev.runplane.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Lists a project's runs, newest first: unfinished ones by default, every run with {@code -a}. */
@Command(name = "ps", description = "List the project's unfinished runs (all runs with -a).")
final class PsCommand extends ApiCommand {
    private static final Set<String> FINISHED = Set.of("TERMINATED", "DONE", "FAILED");
    private static final int PAGE = 200;
    // a bound on what one listing reads, so a huge project cannot make the CLI page forever
    private static final int MAX_PAGES = 50;

    @Option(names = {"-a", "--all"}, description = "Include finished runs.")
    boolean all;

    @Option(names = {"-w", "--watch"}, description = "Refresh every 2 s until Ctrl-C.")
    boolean watch;

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
        List<JsonNode> runs = runs();
        if (output.json) {
            ArrayNode array = Json.JSON.createArrayNode();
            runs.forEach(array::add);
            var body = Json.JSON.createObjectNode().set("runs", array);
            return (watch ? Json.compact(body) : Json.pretty(body)) + "\n";
        }
        if (runs.isEmpty()) {
            return "no " + (all ? "" : "unfinished ") + "runs in project " + api().project()
                    + (all ? "" : " (-a shows all)") + "\n";
        }
        Instant now = cli().clock().instant();
        Table table = new Table("NAME", "TYPE", "STATUS", "REPLICAS", "AGE", "SUBMITTED BY");
        for (JsonNode run : runs) {
            table.row(Json.text(run, "name"), Json.text(run, "type"), status(run),
                    Json.integer(run, "runningReplicas") + "/" + Json.integer(run, "desiredReplicas"),
                    Format.age(Json.text(run, "submittedAt"), now), Json.text(run, "submittedBy"));
        }
        return table.render();
    }

    /** A stop that is asked for but not yet begun is worth seeing in the list. */
    static String status(JsonNode run) {
        String status = Json.text(run, "status");
        String stop = Json.text(run, "stopRequest", "NONE");
        return "NONE".equals(stop) || FINISHED.contains(status) || "TERMINATING".equals(status) ? status
                : status + " (" + stop.toLowerCase() + " requested)";
    }

    private List<JsonNode> runs() {
        RunplaneApi api = api();
        List<JsonNode> runs = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode body = api.get(api.runsPath() + "?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + RunplaneApi.segment(cursor)));
            for (JsonNode run : body.path("runs")) {
                if (all || !FINISHED.contains(Json.text(run, "status"))) {
                    runs.add(run);
                }
            }
            cursor = Json.text(body, "next");
            if (cursor == null) {
                break;
            }
        }
        return runs;
    }
}
