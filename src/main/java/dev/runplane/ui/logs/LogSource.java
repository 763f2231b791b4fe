package dev.runplane.ui.logs;

import dev.runplane.logs.LiveTail;
import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import java.util.List;
import java.util.function.Consumer;

/** Where the panel's lines come from: the stored pages of one run as one reader sees them, and the live tail. */
interface LogSource {
    LogPage page(LogRequest request);

    /** @return unsubscribes */
    Runnable subscribe(long submissionId, Consumer<List<LogLine>> listener);

    /**
     * Whether the reader may still see the run. The live tail knows nothing of readers, so this is asked before
     * each batch of live lines is pushed: a revoked membership stops them at once.
     */
    boolean mayRead();

    static LogSource of(LogQueries logs, LiveTail tail, String reader, String project, String run) {
        return of(logs, null, tail, reader, project, run);
    }

    /** @param shared reads the newest lines once for all pages asking at the same moment; null: each page reads */
    static LogSource of(LogQueries logs, SharedLogReads shared, LiveTail tail, String reader, String project,
                        String run) {
        return new LogSource() {
            @Override
            public LogPage page(LogRequest request) {
                return shared != null && SharedLogReads.shared(request)
                        ? shared.newest(reader, project, run, request)
                        : logs.page(reader, project, run, request);
            }

            @Override
            public Runnable subscribe(long submissionId, Consumer<List<LogLine>> listener) {
                return tail.subscribe(submissionId, listener);
            }

            @Override
            public boolean mayRead() {
                return logs.canRead(reader, project, run);
            }
        };
    }
}
