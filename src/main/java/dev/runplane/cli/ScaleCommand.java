package dev.runplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sets a run's desired replica count; the reconciler starts or stops replicas to match. */
@Command(name = "scale", description = {"Set the number of replicas of a run.",
        "With --expected-version the change is refused (exit 4) if the run changed since that version."})
final class ScaleCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Parameters(index = "1", paramLabel = "REPLICAS", description = "Desired number of replicas (0 keeps the run "
            + "but stops every replica).")
    int replicas;

    @Option(names = "--expected-version", paramLabel = "VERSION",
            description = "Only scale if the run is still at this version (see 'runplane get').")
    Long expectedVersion;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        ObjectNode body = Json.JSON.createObjectNode().put("replicas", replicas);
        if (expectedVersion != null) {
            body.put("expectedVersion", expectedVersion);
        }
        JsonNode scaled = api.postJson(api.runPath(run) + "/scale", body);
        if (output.json) {
            printJson(scaled);
        } else {
            out().println("scaled " + run + " to " + replicas + (replicas == 1 ? " replica" : " replicas")
                    + " (version " + Json.number(scaled, "version") + ")");
        }
        return ExitCodes.OK;
    }
}
