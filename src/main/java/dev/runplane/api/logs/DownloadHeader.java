package dev.runplane.api.logs;

import dev.runplane.logs.LogQueries.SubmissionLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a log download starts with, each beginning with {@code #}: which run, which submissions the file holds
 * (current replicas only, or every submission with the earlier ones marked), and the format of the lines below. A
 * file handed on without its request still says what it contains.
 */
final class DownloadHeader {
    /** {@code all}, {@code current} or {@code one} (a named submission), for scripts that skip the file's header. */
    static final String HTTP_HEADER = "Runplane-Log-Submissions";

    private DownloadHeader() {
    }

    static List<String> lines(String project, String run, Integer replica, Integer submission, boolean history,
                              List<SubmissionLabel> labels) {
        List<String> lines = new ArrayList<>();
        String what = submission != null ? "replica " + replica + ", submission " + submission
                : replica != null ? (history ? "every submission of replica " + replica
                : "replica " + replica + ", its current submission")
                : history ? "every submission (current replicas and history)" : "the current replicas";
        lines.add("# Runplane log of " + project + "/" + run + ": " + what + " (history=" + history + ")");
        lines.add("# " + labels.size() + (labels.size() == 1 ? " submission:" : " submissions:")
                + (labels.isEmpty() ? " none" : ""));
        for (SubmissionLabel label : labels) {
            lines.add("#   " + label.describe());
        }
        lines.add("# each line: <time> replica-<replica>#<submission> <stream> <text>");
        return lines;
    }
}
