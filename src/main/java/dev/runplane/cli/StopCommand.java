package dev.runplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Stops every replica of a run: gracefully, or at once with {@code --abort}. */
@Command(name = "stop", description = {"Stop a run: SIGTERM to every replica, SIGKILL after its grace period.",
        "With --abort every replica is killed at once."})
final class StopCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = "--abort", description = "Kill the replicas at once instead of stopping them gracefully.")
    boolean abort;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        JsonNode stopped = api.postJson(api.runPath(run) + "/stop",
                Json.JSON.createObjectNode().put("abort", abort));
        if (output.json) {
            printJson(stopped);
        } else {
            out().println((abort ? "aborting " : "stopping ") + run + " (" + Json.text(stopped, "status") + ")");
        }
        return ExitCodes.OK;
    }
}
