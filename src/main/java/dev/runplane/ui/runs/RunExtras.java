package dev.runplane.ui.runs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import dev.runplane.logs.LiveTail;
import dev.runplane.logs.LogQueries;
import dev.runplane.metrics.StatsQueries;
import dev.runplane.metrics.StatsQueries.RunStats;
import dev.runplane.billing.CostQueries.RunCost;
import java.time.Clock;
import dev.runplane.runs.RunDetails.RunDetail;
import dev.runplane.ui.logs.LogPanel;
import dev.runplane.ui.logs.ReplicaChoice;
import dev.runplane.ui.logs.SharedLogReads;
import dev.runplane.ui.metrics.StatsPanel;

/**
 * The log and stats panels of the run page behind one small seam, so the view stays short. The panels are created
 * on the first {@link #show} (they need the run's name) and told about every later change of the current replicas.
 */
class RunExtras {
    /** Creates the panels for one view instance. */
    interface Factory {
        RunExtras create(String reader);
    }

    private final LogQueries logQueries;
    private final SharedLogReads sharedLogReads;
    private final LiveTail tail;
    private final StatsQueries statsQueries;
    private final Clock clock;
    private final String reader;
    private final Div logs = new Div();
    private final Div stats = new Div();
    private LogPanel logPanel;
    private StatsPanel statsPanel;
    private String shownRun;

    RunExtras(LogQueries logQueries, SharedLogReads sharedLogReads, LiveTail tail, StatsQueries statsQueries,
              Clock clock, String reader) {
        this.logQueries = logQueries;
        this.sharedLogReads = sharedLogReads;
        this.tail = tail;
        this.statsQueries = statsQueries;
        this.clock = clock;
        this.reader = reader;
        logs.setWidthFull();
        stats.setWidthFull();
    }

    Component logs() {
        return logs;
    }

    Component stats() {
        return stats;
    }

    void show(String project, String run, RunDetail detail) {
        var replicas = ReplicaChoice.of(detail.replicas().liveSubmissions());
        var earlier = ReplicaChoice.earlier(detail.replicas().history());
        String key = project + "/" + run;
        if (logPanel == null || !key.equals(shownRun)) {
            // Vaadin reuses the view when navigating from one run to another: new run, new panels
            shownRun = key;
            logs.removeAll();
            stats.removeAll();
            logPanel = new LogPanel(logQueries, sharedLogReads, tail,
                    new LogPanel.Target(project, run, reader, replicas));
            logPanel.setReplicas(replicas, earlier);
            logs.add(logPanel);
            statsPanel = new StatsPanel(statsQueries, clock, reader, project, run);
            stats.add(statsPanel);
        } else {
            logPanel.setReplicas(replicas, earlier);
        }
    }

    /** Shows one submission's log in the log panel (a history row's "Logs"); after {@link #show}. */
    void showLogsOf(int replica, int submission) {
        if (logPanel != null) {
            logPanel.showSubmission(replica, submission);
        }
    }

    /**
     * Draws the stats and cost the view already read for this refresh (instead of reading them again); after
     * {@link #show}.
     */
    void showStats(RunStats runStats, RunCost cost) {
        if (statsPanel != null) {
            statsPanel.show(runStats, cost);
        }
    }

    @org.springframework.stereotype.Component
    static class DefaultFactory implements Factory {
        private final LogQueries logQueries;
        private final SharedLogReads sharedLogReads;
        private final LiveTail tail;
        private final StatsQueries statsQueries;
        private final Clock clock;

        DefaultFactory(LogQueries logQueries, SharedLogReads sharedLogReads, LiveTail tail, StatsQueries statsQueries,
                       Clock clock) {
            this.logQueries = logQueries;
            this.sharedLogReads = sharedLogReads;
            this.tail = tail;
            this.statsQueries = statsQueries;
            this.clock = clock;
        }

        @Override
        public RunExtras create(String reader) {
            return new RunExtras(logQueries, sharedLogReads, tail, statsQueries, clock, reader);
        }
    }
}
