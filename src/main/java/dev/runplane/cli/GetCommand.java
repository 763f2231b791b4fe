package dev.runplane.cli;

import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** One run: its status and replica counts, the current replicas, and the history of earlier submissions. */
@Command(name = "get", description = "Show a run: status, current replicas and replica history.")
final class GetCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = "--spec", description = "Print only the run's spec as it was submitted (YAML).")
    boolean specOnly;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        JsonNode body = api.get(api.runPath(run) + "?history=true");
        if (specOnly) {
            out().print(Json.text(body, "spec", ""));
            return ExitCodes.OK;
        }
        if (output.json) {
            printJson(body);
            return ExitCodes.OK;
        }
        Instant now = cli().clock().instant();
        out().print(new Table("RUN", Json.text(body, "name"))
                .row("project", Json.text(body, "project"))
                .row("type", Json.text(body, "type"))
                .row("status", PsCommand.status(body))
                .row("replicas", Json.integer(body, "runningReplicas") + " running of "
                        + Json.integer(body, "desiredReplicas") + " desired")
                .row("version", Json.number(body, "version"))
                .row("submitted", Format.time(Json.text(body, "submittedAt")) + " by "
                        + Json.text(body, "submittedBy") + " (" + Format.age(Json.text(body, "submittedAt"), now)
                        + " ago)")
                .row("finished", Format.time(Json.text(body, "finishedAt")))
                .render());
        out().println();
        out().println("CURRENT REPLICAS");
        out().print(replicas(body.path("replicas"), false));
        out().println();
        out().println("HISTORY");
        out().print(replicas(body.path("history"), true));
        return ExitCodes.OK;
    }

    private static String replicas(JsonNode replicas, boolean history) {
        if (replicas.isEmpty()) {
            return "(none)\n";
        }
        Table table = history
                ? new Table("REPLICA", "SUBMISSION", "STATUS", "REASON", "EXIT", "FINISHED", "MESSAGE")
                : new Table("REPLICA", "SUBMISSION", "STATUS", "STARTED", "PRICE/H", "HOST", "BACKEND-ID", "MESSAGE");
        for (JsonNode r : replicas) {
            if (history) {
                table.row(Json.integer(r, "replicaNum"), Json.integer(r, "submissionNum"), Json.text(r, "status"),
                        Json.text(r, "terminationReason"), Json.text(r, "exitCode"),
                        Format.time(Json.text(r, "finishedAt")), Json.text(r, "message"));
            } else {
                // a pending slot has no submission yet: "-", and its message says why it waits
                table.row(Json.integer(r, "replicaNum"), Json.text(r, "submissionNum", "-"), Json.text(r, "status"),
                        Format.time(Json.text(r, "startedAt")), Json.text(r, "pricePerHour"),
                        Json.text(r, "host"), Json.text(r, "backendId"), reasonAndMessage(r));
            }
        }
        return table.render();
    }

    // a current replica that is terminating says why (and whether it is leaving, not counted); otherwise its
    // status message, if any
    private static String reasonAndMessage(JsonNode r) {
        String reason = Json.text(r, "terminationReason");
        if (r.path("terminating").asBoolean(false)) {
            reason = "leaving" + (reason == null ? "" : " (" + reason + ")");
        }
        String message = join(readiness(r), Json.text(r, "message"));
        if (reason == null) {
            return message;
        }
        return message == null ? reason : reason + ": " + message;
    }

    /** A service replica: where it listens and whether the services endpoint sends it requests (and why not). */
    private static String readiness(JsonNode r) {
        String endpoint = Json.text(r, "endpoint");
        if (endpoint == null || !"RUNNING".equals(Json.text(r, "status"))) {
            return null;
        }
        String failure = Json.text(r, "probeFailure");
        return (r.path("ready").asBoolean(false) ? "ready" : "not ready" + (failure == null ? "" : " (" + failure
                + ")")) + " at " + endpoint;
    }

    private static String join(String first, String second) {
        return first == null ? second : second == null ? first : first + "; " + second;
    }
}
