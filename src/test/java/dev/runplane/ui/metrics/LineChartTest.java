package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.dom.Element;
import dev.runplane.ui.metrics.LineChart.Sample;
import dev.runplane.ui.metrics.LineChart.Series;
import dev.runplane.ui.metrics.LineChart.Spec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineChartTest {
    private static final Instant TO = Instant.parse("2026-12-02T06:30:00Z");
    private static final Instant FROM = TO.minus(Duration.ofMinutes(15));
    private static final Spec CPU = new Spec("CPU", FROM, TO, ZoneOffset.UTC, 100, 1, Quantities::percent);

    private final LineChart chart = new LineChart();

    private List<Element> children(String cssClass) {
        return IntStream.range(0, chart.getElement().getChildCount()).mapToObj(chart.getElement()::getChild)
                .filter(e -> (" " + e.getAttribute("class") + " ").contains(" " + cssClass + " ")).toList();
    }

    private static List<String> texts(List<Element> elements) {
        return elements.stream().map(Element::getText).toList();
    }

    @Test
    void bothAxesCarryLabelsWithUnits() {
        chart.show(CPU, List.of(new Series("0", "Replica 0", "chart-series-0",
                List.of(new Sample(FROM.plusSeconds(60), 20), new Sample(TO, 40)))));

        assertThat(texts(children("chart-value-tick")))
                .containsExactly("0.0 %", "25.0 %", "50.0 %", "75.0 %", "100.0 %");
        assertThat(texts(children("chart-time-tick"))).containsExactly("06:15", "06:20", "06:25", "06:30");
        assertThat(chart.getElement().getAttribute("role")).isEqualTo("img");
        assertThat(chart.getElement().getAttribute("aria-label"))
                .isEqualTo("CPU, last 15 minutes: Replica 0 now 40.0 %, highest 40.0 %");
    }

    @Test
    void linesAreScaledToTheWindowAndTheAxisTop() {
        chart.show(CPU, List.of(new Series("0", "Replica 0", "chart-series-0",
                List.of(new Sample(FROM, 0), new Sample(TO, 100))),
                new Series("total", "Run total", "chart-total", List.of(new Sample(TO, 50)))));

        List<Element> lines = children("chart-line");
        assertThat(lines).extracting(e -> e.getAttribute("data-series")).containsExactly("0", "total");
        // x from 80 (left margin) to 624 (640 less the right margin); y from 176 (the zero line) up to 10
        assertThat(lines.getFirst().getAttribute("points")).isEqualTo("80,176 624,10");
        // one sample still shows: a short flat stroke ending at it
        assertThat(lines.get(1).getAttribute("points")).isEqualTo("624,93 621,93");
        assertThat(lines.get(1).getAttribute("class")).isEqualTo("chart-line chart-total");
    }

    @Test
    void valuesAboveTheMinimumTopRaiseTheAxis() {
        chart.show(CPU, List.of(new Series("0", "Replica 0", "chart-series-0", List.of(new Sample(TO, 130)))));

        assertThat(texts(children("chart-value-tick"))).last().isEqualTo("150.0 %");
    }

    @Test
    void anEmptyChartKeepsItsAxesAndSaysSo() {
        chart.show(CPU, List.of(new Series("0", "Replica 0", "chart-series-0", List.of())));

        assertThat(children("chart-line")).isEmpty();
        assertThat(texts(children("chart-empty"))).containsExactly("No samples in this window");
        assertThat(children("chart-time-tick")).hasSize(4);
        assertThat(chart.getElement().getAttribute("aria-label")).isEqualTo("CPU, last 15 minutes: no samples");
    }

    @Test
    void redrawingReplacesTheLines() {
        chart.show(CPU, List.of(new Series("0", "Replica 0", "chart-series-0", List.of(new Sample(TO, 1))),
                new Series("1", "Replica 1", "chart-series-1", List.of(new Sample(TO, 1)))));
        chart.show(CPU, List.of(new Series("0", "Replica 0", "chart-series-0", List.of(new Sample(TO, 1)))));

        assertThat(children("chart-line")).hasSize(1);
    }
}
