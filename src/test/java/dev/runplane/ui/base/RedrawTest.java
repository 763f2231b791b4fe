package dev.runplane.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Setting what is already shown must leave nothing for Vaadin to send; a real change must still go out. */
@ViewPackages(packages = "dev.runplane.ui.base")
class RedrawTest extends BrowserlessTest {
    private UI ui;
    private final Span span = new Span("3 running / 3 desired");
    private final Button button = new Button("Stop");

    @BeforeEach
    void attachAndSend() {
        ui = UI.getCurrent();
        ui.add(span, button);
        sent();
    }

    /** Whether anything would be pushed to the browser now; marks it as sent. */
    private boolean sent() {
        boolean[] any = {false};
        ui.getInternals().getStateTree().collectChanges(change -> any[0] = true);
        ui.getInternals().dumpPendingJavaScriptInvocations().forEach(invocation -> any[0] = true);
        return any[0];
    }

    @Test
    void theSameTextIsNotSentAgain() {
        span.setText("3 running / 3 desired");
        assertThat(sent()).as("plain setText re-sends an unchanged text").isTrue();

        Redraw.text(span, "3 running / 3 desired");
        assertThat(sent()).isFalse();

        Redraw.text(span, "2 running / 3 desired");
        assertThat(sent()).isTrue();
        assertThat(span.getText()).isEqualTo("2 running / 3 desired");
    }

    /** How many node changes would be pushed now; marks them as sent. */
    private int changes() {
        int[] count = {0};
        ui.getInternals().getStateTree().collectChanges(change -> count[0]++);
        return count[0];
    }

    @Test
    void aChangedTextIsOneChangeToItsTextNode() {
        span.setText("2 running / 3 desired");
        assertThat(changes()).as("plain setText also detaches and re-attaches the text node").isEqualTo(3);

        Redraw.text(span, "1 running / 3 desired");
        assertThat(changes()).isEqualTo(1);
        assertThat(span.getText()).isEqualTo("1 running / 3 desired");
        assertThat(span.getElement().getChildCount()).isEqualTo(1);

        Span empty = new Span();
        ui.add(empty);
        changes();
        Redraw.text(empty, "first text");
        assertThat(empty.getText()).isEqualTo("first text");
    }

    @Test
    void anUnchangedEnabledOrVisibleStateIsNotSentAgain() {
        Redraw.enabled(button, true);
        Redraw.visible(button, true);
        assertThat(sent()).isFalse();

        Redraw.enabled(button, false);
        assertThat(sent()).isTrue();
        assertThat(button.isEnabled()).isFalse();
        Redraw.visible(span, false);
        assertThat(sent()).isTrue();
        assertThat(span.isVisible()).isFalse();
    }
}
