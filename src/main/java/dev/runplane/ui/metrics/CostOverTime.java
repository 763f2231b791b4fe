package dev.runplane.ui.metrics;

import dev.runplane.billing.CostQueries.SubmissionCost;
import dev.runplane.billing.Money;
import dev.runplane.ui.metrics.LineChart.Sample;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What a run had cost in all at each moment of a window, from its submissions' prices and times (the usage ledger
 * the page read anyway: no extra query). The total grows linearly while submissions run, so the line is exact at
 * every point where a submission starts or ends; a run with very many submissions is drawn at evenly spaced
 * moments instead. Each amount is billing's ({@link Money#cost}); only the
 * line's placement is floating point.
 */
final class CostOverTime {
    static final int MAX_POINTS = 200;

    private CostOverTime() {
    }

    static List<Sample> of(List<SubmissionCost> submissions, Instant from, Instant now) {
        TreeSet<Instant> times = new TreeSet<>(List.of(from, now));
        for (SubmissionCost s : submissions) {
            for (Instant t : new Instant[] {s.startedAt(), s.finishedAt()}) {
                if (t != null && t.isAfter(from) && t.isBefore(now)) {
                    times.add(t);
                }
            }
        }
        if (times.size() > MAX_POINTS) {
            times.clear();
            long span = Duration.between(from, now).toMillis();
            for (int i = 0; i < MAX_POINTS; i++) {
                times.add(from.plusMillis(span * i / (MAX_POINTS - 1)));
            }
        }
        return times.stream().map(t -> new Sample(t, costAt(submissions, t, now))).toList();
    }

    /**
     * The run's cost up to {@code t}: each submission's billed part of its interval before t, priced by billing's
     * own rule ({@link Money#cost}), so the line ends where the cost figures do.
     */
    static double costAt(List<SubmissionCost> submissions, Instant t, Instant now) {
        BigDecimal cost = BigDecimal.ZERO;
        for (SubmissionCost s : submissions) {
            if (s.startedAt() == null || !s.startedAt().isBefore(t)) {
                continue;
            }
            Instant end = s.finishedAt() == null ? now : s.finishedAt();
            cost = cost.add(Money.cost(s.pricePerHour(), s.startedAt(), end.isBefore(t) ? end : t));
        }
        return cost.doubleValue();
    }
}
