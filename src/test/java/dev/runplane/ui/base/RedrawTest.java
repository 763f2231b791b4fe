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
