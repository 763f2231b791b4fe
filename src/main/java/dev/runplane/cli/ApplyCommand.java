package dev.runplane.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the run a file describes. When it exists already and the file differs only in {@code replicas}, the run
 * is scaled in place (guarded by the version just read, so a concurrent change is a conflict, not a lost update);
 * any other difference is refused, because a running run's spec never changes under its replicas.
 */
@Command(name = "apply", description = {"Create the run described by a YAML (or JSON) file.",
        "If it exists and only 'replicas' differs, scale it in place; any other difference is refused (exit 4)."})
final class ApplyCommand extends ApiCommand {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "Run spec file; '-' reads standard input.")
    String file;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        String text = read();
        RunplaneApi api = api();
        RunplaneApi.Response created = api.tryPost(api.runsPath(), "application/yaml", text);
        if (created.ok()) {
            JsonNode run = created.json();
            if (output.json) {
                printJson(run);
            } else {
                int replicas = Json.integer(run, "desiredReplicas");
                out().println("created " + Json.text(run, "type", "run") + " " + Json.text(run, "name") + " with "
                        + replicas + (replicas == 1 ? " replica" : " replicas"));
            }
            return ExitCodes.OK;
        }
        String name = created.status() == 409 ? nameIn(text) : null;
        if (name == null) {
            api.check(created);
        }
        return applyToExisting(api, name, parse(text));
    }

    private int applyToExisting(RunplaneApi api, String name, JsonNode wanted) {
        JsonNode run = api.get(api.runPath(name));
        JsonNode stored = Json.parseYaml(Json.text(run, "spec", ""), "the stored spec of '" + name + "'");
        List<String> differing = SpecDiff.differingKeys(stored, wanted);
        if (!differing.isEmpty()) {
            throw new CliException(ExitCodes.CONFLICT, "run '" + name + "' already exists and " + displayName()
                    + " differs in " + String.join(", ", differing) + "; only replicas can change in place "
                    + "(delete the run or choose another name to change the rest)");
        }
        int from = Json.integer(run, "desiredReplicas");
        int to = SpecDiff.desiredReplicas(wanted, from);
        if (from == to) {
            if (output.json) {
                printJson(run);
            } else {
                out().println("run " + name + " is unchanged (" + Json.text(run, "status") + ", " + from
                        + (from == 1 ? " replica)" : " replicas)"));
            }
            return ExitCodes.OK;
        }
        ObjectNode body = Json.JSON.createObjectNode().put("replicas", to)
                .put("expectedVersion", Json.number(run, "version"));
        JsonNode scaled = api.postJson(api.runPath(name) + "/scale", body);
        if (output.json) {
            printJson(scaled);
        } else {
            out().println("scaled " + name + " from " + from + " to " + to + (to == 1 ? " replica" : " replicas")
                    + " (only replicas changed)");
        }
        return ExitCodes.OK;
    }

    private String read() {
        try {
            return "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.ERROR, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    // the server has already validated the file when it answered 409, so it parses; be lenient all the same
    private static String nameIn(String text) {
        try {
            return Json.text(Json.YAML.readTree(text), "name");
        } catch (JacksonException e) {
            return null;
        }
    }

    private JsonNode parse(String text) {
        return Json.parseYaml(text, displayName());
    }

    private String displayName() {
        return "-".equals(file) ? "the spec on standard input" : file;
    }
}
