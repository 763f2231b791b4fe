package dev.runplane.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/**
 * Prints log lines: the text alone for one replica, {@code [r1] text} when replicas are merged, or the API's line
 * object as one JSON document per line with {@code --json}.
 */
final class LogPrinter {
    private final PrintWriter out;
    private final boolean merged;
    private final boolean json;

    LogPrinter(PrintWriter out, boolean merged, boolean json) {
        this.out = out;
        this.merged = merged;
        this.json = json;
    }

    void print(JsonNode line) {
        if (json) {
            out.println(Json.compact(line));
        } else if (merged) {
            out.println("[r" + Json.integer(line, "replicaNum") + "] " + Json.text(line, "text", ""));
        } else {
            out.println(Json.text(line, "text", ""));
        }
    }

    void flush() {
        out.flush();
    }
}
