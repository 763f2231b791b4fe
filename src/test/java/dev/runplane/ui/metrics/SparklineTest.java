package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.dom.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

    private static String points(Double max, double... values) {
        return Sparkline.points(values, max);
    }

    @Test
    void valuesAreSpreadAcrossTheWidthAndScaledToTheMax() {
        // view box 100 x 30, 1.5 padding: 0 sits at y 28.5, the max at y 1.5
        assertThat(points(100.0, 0, 50, 100)).isEqualTo("0,28.5 50,15 100,1.5");
        assertThat(points(100.0, 25, 75, 10, 90, 0)).isEqualTo("0,21.75 25,8.25 50,25.8 75,4.2 100,28.5");
    }

    @Test
    void withoutAMaxTheLargestValueIsTheTop() {
        assertThat(points(null, 1024, 2048, 4096)).isEqualTo("0,21.75 50,15 100,1.5");
    }

    @Test
    void valuesAboveTheMaxOrBelowZeroStayInsideThePicture() {
        assertThat(points(100.0, 250, -5, Double.NaN)).isEqualTo("0,1.5 50,28.5 100,28.5");
    }

    @Test
    void anEmptySeriesDrawsNothing() {
        Sparkline sparkline = new Sparkline(List.of(), null);

        assertThat(points(null)).isEmpty();
        assertThat(polyline(sparkline).getAttribute("points")).isEmpty();
        assertThat(sparkline.hasClassName("sparkline-empty")).isTrue();
    }

    @Test
    void aConstantSeriesIsAFlatLine() {
        assertThat(points(null, 7, 7, 7)).isEqualTo("0,1.5 50,1.5 100,1.5");
        assertThat(points(null, 0, 0)).isEqualTo("0,28.5 100,28.5");
        assertThat(points(100.0, 50, 50)).isEqualTo("0,15 100,15");
    }

    @Test
    void aSingleSampleIsDrawnAcrossTheWholeWidth() {
        assertThat(points(100.0, 50)).isEqualTo("0,15 100,15");
    }

    @Test
    void numbersAreWrittenWithoutLocaleOrExponent() {
        assertThat(Sparkline.num(1e-9)).isEqualTo("0");
        assertThat(Sparkline.num(12.346)).isEqualTo("12.35");
        assertThat(Sparkline.num(33.3333)).isEqualTo("33.33");
        assertThat(Sparkline.num(2.5)).isEqualTo("2.5");
        assertThat(Sparkline.num(100)).isEqualTo("100");
    }

    @Test
    void itIsAnSvgWithOnePolylineAndNoText() {
        Sparkline sparkline = new Sparkline(List.of(1, 2, 3), 3.0);

        Element svg = sparkline.getElement();
        assertThat(svg.getTag()).isEqualTo("svg");
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 100 30");
        assertThat(svg.getAttribute("preserveAspectRatio")).isEqualTo("none");
        assertThat(svg.getChildCount()).isEqualTo(1);
        assertThat(polyline(sparkline).getTag()).isEqualTo("polyline");
        assertThat(polyline(sparkline).getAttribute("points")).isEqualTo("0,19.5 50,10.5 100,1.5");
        assertThat(svg.getTextRecursively()).isEmpty();
        assertThat(sparkline.hasClassName("sparkline")).isTrue();
        assertThat(sparkline.hasClassName("sparkline-empty")).isFalse();
    }

    private static Element polyline(Sparkline sparkline) {
        return sparkline.getElement().getChild(0);
    }
}
