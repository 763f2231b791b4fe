package dev.runplane.ui.metrics;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;

/**
 * A server-drawn {@code <svg>} chart of a fixed drawing size that scales to the width it is given: the part every
 * chart shares (an image to screen readers, the view box).
 */
@Tag("svg")
abstract class SvgChart extends Component implements HasStyle, HasSize {
    private final String viewBox;

    SvgChart(String cssClass, double width, double height) {
        getElement().setAttribute("role", "img");
        getElement().setAttribute("focusable", "false");
        addClassName(cssClass);
        this.viewBox = "0 0 " + SvgNumbers.num(width) + " " + SvgNumbers.num(height);
    }

    /**
     * Vaadin writes attribute names in lower case, and SVG ignores a {@code viewbox}: without the real
     * {@code viewBox} the drawing would not scale to the width it is given (cut off on a phone).
     */
    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs("this.setAttribute('viewBox', $0)", viewBox);
    }
}
