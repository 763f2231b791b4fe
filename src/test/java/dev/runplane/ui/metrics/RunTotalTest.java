package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.billing.CostQueries.SubmissionCost;
import dev.runplane.ui.metrics.LineChart.Sample;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two derived lines: the run's total of a figure, and its cost over time. */
class RunTotalTest {
    private static final Instant TO = Instant.parse("2026-12-02T06:30:00Z");
    private static final Instant FROM = TO.minus(Duration.ofMinutes(15));

    private static List<Sample> every5s(double value, Instant start, Instant end) {
        List<Sample> samples = new ArrayList<>();
        for (Instant t = start; !t.isAfter(end); t = t.plusSeconds(5)) {
            samples.add(new Sample(t, value));
        }
        return samples;
    }

    @Test
    void theTotalSumsReplicasSampledAtDifferentMoments() {
        List<Sample> total = RunTotal.of(List.of(every5s(10, FROM, TO), every5s(30, FROM.plusSeconds(2), TO)),
                FROM, TO);

        assertThat(total.getLast().time()).isEqualTo(TO);
        assertThat(total.subList(1, total.size())).allSatisfy(s -> assertThat(s.value()).isEqualTo(40));
    }

    @Test
    void aReplicaAddsNothingBeforeItsFirstSampleOrLongAfterItsLast() {
        Instant middle = FROM.plus(Duration.ofMinutes(7));
        List<Sample> total = RunTotal.of(List.of(every5s(10, FROM, TO), every5s(30, middle, middle.plusSeconds(60))),
                FROM, TO);

        assertThat(total.get(10).value()).isEqualTo(10);
        assertThat(total.stream().filter(s -> s.time().isAfter(middle.plusSeconds(5))
                && s.time().isBefore(middle.plusSeconds(60))).mapToDouble(Sample::value)).containsOnly(40.0);
        assertThat(total.getLast().value()).isEqualTo(10);
    }

    @Test
    void noSamplesNoTotal() {
        assertThat(RunTotal.of(List.of(List.of(), List.of()), FROM, TO)).isEmpty();
    }

    @Test
    void costGrowsWithEachRunningSubmissionsPrice() {
        BigDecimal twoPerHour = new BigDecimal("2");
        List<SubmissionCost> submissions = List.of(
                new SubmissionCost(0, 0, twoPerHour, FROM.minus(Duration.ofMinutes(15)), null, null),
                new SubmissionCost(1, 0, twoPerHour, FROM.plus(Duration.ofMinutes(5)),
                        FROM.plus(Duration.ofMinutes(10)), null));

        List<Sample> cost = CostOverTime.of(submissions, FROM, TO);

        assertThat(cost).extracting(Sample::time).containsExactly(FROM, FROM.plus(Duration.ofMinutes(5)),
                FROM.plus(Duration.ofMinutes(10)), TO);
        // replica 0 ran 15 minutes before the window ($0.50), then both ran 5 of its minutes at $2/h each
        assertThat(cost).extracting(s -> micros(s.value())).containsExactly(micros(0.5), micros(0.5 + 2.0 * 5 / 60),
                micros(0.5 + 2.0 * 10 / 60 + 2.0 * 5 / 60), micros(0.5 + 2.0 * 15 / 60 + 2.0 * 5 / 60));
    }

    private static long micros(double amount) {
        return Math.round(amount * 1e6);
    }

    @Test
    void aRunWithoutSubmissionsCostsNothingThroughout() {
        assertThat(CostOverTime.of(List.of(), FROM, TO)).extracting(Sample::value).containsExactly(0.0, 0.0);
    }
}
