package dev.runplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.metrics.StatsQueries.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesBuilderTest {
    private static final Instant FROM = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void sparsePointsAreKeptExactly() {
        SeriesBuilder series = new SeriesBuilder(FROM, Duration.ofMinutes(15), 500);
        Point a = new Point(FROM.plusSeconds(2), 12.5, 1000, null, null);
        Point b = new Point(FROM.plusSeconds(4), 80.25, 2000, 30.0, 4096L);
        series.add(a);
        series.add(b);
        assertThat(series.build()).containsExactly(a, b);
    }

    @Test
    void denseSeriesIsBoundedAndAveragedPerStretch() {
        Duration window = Duration.ofHours(1);
        SeriesBuilder series = new SeriesBuilder(FROM, window, 100);
        for (int s = 0; s < 3600; s++) {
            series.add(new Point(FROM.plusSeconds(s), s % 2 == 0 ? 0 : 100, 1000, null, null));
        }
        List<Point> points = series.build();
        assertThat(points).hasSizeLessThanOrEqualTo(100).hasSizeGreaterThan(90);
        assertThat(points).allSatisfy(p -> {
            assertThat(p.cpuPercent()).isBetween(45.0, 55.0);
            assertThat(p.memoryBytes()).isEqualTo(1000);
        });
        assertThat(points.getLast().time()).isEqualTo(FROM.plusSeconds(3599));
    }

    @Test
    void pointsOutsideTheWindowStayWithinTheBound() {
        SeriesBuilder series = new SeriesBuilder(FROM, Duration.ofMinutes(1), 2);
        series.add(new Point(FROM.minusSeconds(5), 1, 1, null, null));
        series.add(new Point(FROM.plusSeconds(120), 3, 3, null, null));
        assertThat(series.build()).hasSize(2);
    }
}
