package dev.runplane.ui.runs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A YAML editor composed from Vaadin's text area without a custom frontend bundle: a gutter of line numbers as the
 * field's prefix (so both scroll together), lines with errors marked in it, and Tab indenting by two spaces (Shift+Tab
 * outdents; Escape, then Tab, leaves the field). The browser half is {@code spec-editor.js}, run on attach. The
 * gutter is hidden from screen readers: the numbers are visual, and each error names its line in words.
 */
final class SpecEditor extends Composite<TextArea> {
    private static final String SCRIPT = load("spec-editor.js");
    private final Div gutter = new Div();

    SpecEditor(String label) {
        TextArea area = getContent();
        area.setLabel(label);
        area.setId("spec-editor");
        area.addClassName("spec-editor");
        area.setMinHeight("20em");
        // taller texts scroll inside the field (gutter and text together), so the page below stays in reach
        area.setMaxHeight("70vh");
        area.setHelperText("Tab indents, Shift+Tab outdents; Escape, then Tab, leaves the editor");
        // the value is sent when the field loses focus (to Submit, say), whatever changed it: typing or Tab
        area.setValueChangeMode(ValueChangeMode.ON_BLUR);
        gutter.setId("spec-gutter");
        gutter.addClassName("spec-gutter");
        gutter.getElement().setAttribute("aria-hidden", "true");
        area.setPrefixComponent(gutter);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs(SCRIPT, getElement(), gutter.getElement());
    }

    String getValue() {
        return getContent().getValue();
    }

    void setValue(String text) {
        getContent().setValue(text);
        markErrors(java.util.List.of());
    }

    void setWidthFull() {
        getContent().setWidthFull();
    }

    /** Marks these lines (1-based) in the gutter; an empty collection clears the marks. */
    void markErrors(Collection<Integer> lines) {
        String marks = lines.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));
        if (!marks.equals(gutter.getElement().getAttribute("data-error-lines"))) {
            gutter.getElement().setAttribute("data-error-lines", marks);
            gutter.getElement().executeJs("this.runplaneRender && this.runplaneRender()");
        }
    }

    /** Puts the caret on this line and column and focuses the editor (an error's "go to"). */
    void goTo(int line, int column) {
        getElement().executeJs("this.runplaneGoTo && this.runplaneGoTo($0, $1)", line, column);
    }

    private static String load(String name) {
        try (InputStream in = SpecEditor.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
