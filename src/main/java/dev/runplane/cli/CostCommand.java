package dev.runplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** A run's cost so far and its burn rate, both computed by the server from its usage ledger. */
@Command(name = "cost", description = "Show a run's cost so far, its burn rate, and the cost of each submission.")
final class CostCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        JsonNode cost = api.get(api.runPath(run) + "/cost");
        if (output.json) {
            printJson(cost);
            return ExitCodes.OK;
        }
        String currency = Json.text(cost, "currency", "");
        out().print(new Table("RUN", run)
                .row("total", Json.text(cost, "total") + " " + currency)
                .row("burn rate", Json.text(cost, "burnRatePerHour") + " " + currency + "/h")
                .render());
        JsonNode submissions = cost.path("submissions");
        if (submissions.isEmpty()) {
            return ExitCodes.OK;
        }
        out().println();
        Table table = new Table("REPLICA", "SUBMISSION", "PRICE/H", "STARTED", "FINISHED", "COST");
        for (JsonNode s : submissions) {
            table.row(Json.integer(s, "replicaNum"), Json.integer(s, "submissionNum"), Json.text(s, "pricePerHour"),
                    Format.time(Json.text(s, "startedAt")), Format.time(Json.text(s, "finishedAt")),
                    Json.text(s, "cost"));
        }
        out().print(table.render());
        return ExitCodes.OK;
    }
}
