package dev.runplane.ui.runs;

import dev.runplane.billing.CostQueries.RunCost;
import dev.runplane.metrics.StatsQueries.RunStats;
import dev.runplane.runs.EventQueries.EventRow;
import dev.runplane.runs.RunDetails.RunDetail;
import java.util.List;

/** Everything the run page shows, read together at one moment. */
record RunPageSnapshot(RunDetail detail, RunCost cost, RunStats stats, List<EventRow> events) {
}
