package dev.runplane.logs;

import java.time.Instant;

/**
 * One stored log line as readers see it.
 *
 * @param id     the cursor: strictly increasing in storage order
 * @param stream {@code stdout}, {@code stderr} or {@code system} (Runplane's own markers)
 * @param text   sanitised plain text, no escape sequences; escape it for HTML on output
 * @param spans  colour/style ranges as compact JSON, or null
 */
public record LogLine(long id, int replicaNum, int submissionNum, long seq, Instant time, String stream,
                      String text, String spans) {

    static String streamName(String code) {
        return switch (code) {
            case "o" -> "stdout";
            case "e" -> "stderr";
            default -> "system";
        };
    }
}
