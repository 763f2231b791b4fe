package dev.runplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Deletes a finished run; the server refuses (exit 4) while it still has active replicas. */
@Command(name = "delete", description = "Delete a finished run (refused with exit 4 while it is active).")
final class DeleteCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Override
    public Integer call() {
        RunplaneApi api = api();
        api.delete(api.runPath(run));
        out().println("deleted " + run);
        return ExitCodes.OK;
    }
}
