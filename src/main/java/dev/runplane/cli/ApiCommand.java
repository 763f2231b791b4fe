package dev.runplane.cli;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** A command that calls the server: it adds {@code -p/--project} and builds the API client from the config. */
abstract class ApiCommand extends BaseCommand {
    @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
            description = "Project of the run (default: RUNPLANE_PROJECT, the config file, else 'default').")
    String project;

    private RunplaneApi api;

    RunplaneApi api() {
        if (api == null) {
            api = new RunplaneApi(cli().config().withProject(project));
        }
        return api;
    }

    void printJson(JsonNode node) {
        out().println(node == null ? "{}" : Json.pretty(node));
    }
}
