package dev.runplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** The project's timeline (who did what, from where), or one run's. */
@Command(name = "events", description = "Show the timeline of the project, or of one run: who changed what, "
        + "from where (ui, api, cli, reconciler).")
final class EventsCommand extends ApiCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "Only this run's events.")
    String run;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N events (default "
            + "${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        JsonNode body = api.get(api.eventsPath() + "?limit=" + limit
                + (run == null ? "" : "&run=" + RunplaneApi.segment(run)));
        if (output.json) {
            printJson(body);
            return ExitCodes.OK;
        }
        JsonNode events = body.path("events");
        if (events.isEmpty()) {
            out().println("no events");
            return ExitCodes.OK;
        }
        Table table = new Table("TIME", "ACTOR", "SOURCE", "RUN", "ACTION", "CHANGE", "MESSAGE");
        for (JsonNode e : events) {
            String before = Json.text(e, "before");
            String after = Json.text(e, "after");
            String change = before == null && after == null ? null
                    : (before == null ? "" : before + " → ") + (after == null ? "" : after);
            table.row(Format.time(Json.text(e, "time")), Json.text(e, "actor"), Json.text(e, "source"),
                    Json.text(e, "run"), Json.text(e, "action"), change, Json.text(e, "message"));
        }
        out().print(table.render());
        return ExitCodes.OK;
    }
}
