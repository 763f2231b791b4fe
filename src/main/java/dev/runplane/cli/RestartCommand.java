package dev.runplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Restarts one replica: it is terminated and a new submission of the same replica number takes its place. */
@Command(name = "restart", description = "Restart one replica of a run (a new submission replaces it).")
final class RestartCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Parameters(index = "1", paramLabel = "REPLICA", description = "Replica number (0, 1, …).")
    int replica;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        api.post(api.runPath(run) + "/replicas/" + replica + "/restart", "application/json", "");
        out().println("restarting replica " + replica + " of " + run);
        return ExitCodes.OK;
    }
}
