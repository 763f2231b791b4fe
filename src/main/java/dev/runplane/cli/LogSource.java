package dev.runplane.cli;

import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A run's logs as the API serves them: pages read forward from a cursor, the live stream's address, and whether
 * the run has finished (so that following can end). Cursors only grow, which is what makes "print everything after
 * the last cursor seen" free of gaps and repeats.
 */
final class LogSource {
    static final int PAGE = 5000;
    private static final Set<String> FINISHED = Set.of("TERMINATED", "DONE", "FAILED");

    private final RunplaneApi api;
    private final String run;
    private final Integer replica;

    LogSource(RunplaneApi api, String run, Integer replica) {
        this.api = api;
        this.run = run;
        this.replica = replica;
    }

    boolean merged() {
        return replica == null;
    }

    /**
     * Prints every stored line after the cursor, oldest first.
     *
     * @param since lines older than this are skipped (null: none are)
     * @return the cursor of the last line read, to continue from
     */
    long printAfter(long cursor, Instant since, LogPrinter printer) {
        long last = cursor;
        while (true) {
            JsonNode page = api.get(api.runPath(run) + "/logs?limit=" + PAGE + "&after=" + last + replicaParam());
            JsonNode lines = page.path("lines");
            for (JsonNode line : lines) {
                long id = Json.number(line, "cursor");
                if (id <= last) {
                    continue;
                }
                last = id;
                Instant time = Format.instant(Json.text(line, "time"));
                if (since == null || time == null || !time.isBefore(since)) {
                    printer.print(line);
                }
            }
            printer.flush();
            if (lines.size() < PAGE) {
                return last;
            }
        }
    }

    /** Opens the live stream of lines after the cursor; a reconnect also names the last id it saw. */
    InputStream openStream(long after, Long lastEventId) {
        return api.openStream(api.runPath(run) + "/logs/stream?after=" + after + replicaParam(), lastEventId);
    }

    /** @return whether the run has finished; false while the server cannot be reached (it may come back) */
    boolean runFinished() {
        try {
            return FINISHED.contains(Json.text(api.get(api.runPath(run)), "status"));
        } catch (CliException.Unreachable e) {
            return false;
        }
    }

    private String replicaParam() {
        return replica == null ? "" : "&replica=" + replica;
    }
}
