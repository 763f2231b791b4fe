package dev.runplane.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.dom.Element;
import java.util.Objects;

/**
 * Sets what a component shows only when it differs from what it already shows. Vaadin sends every call to the
 * browser even when it changes nothing (a text is replaced by the same text, a button re-disabled), and on a run page
 * refreshed at every change each such no-op is re-rendered by every open browser: the UI-freshness benchmark found
 * half of each push message to be these (docs/benchmarks.md).
 */
public final class Redraw {
    private Redraw() {
    }

    /**
     * A text already shown in a single text node is changed in that node: Vaadin's {@code setText} would also detach
     * and re-attach the node, two more changes per text in every push and more work for every browser's renderer.
     */
    public static void text(HasText component, String text) {
        if (Objects.equals(component.getText(), text)) {
            return;
        }
        Element element = component.getElement();
        if (text != null && element.getChildCount() == 1 && element.getChild(0).isTextNode()) {
            element.getChild(0).setText(text);
        } else {
            component.setText(text);
        }
    }

    public static void enabled(HasEnabled component, boolean enabled) {
        if (component.isEnabled() != enabled) {
            component.setEnabled(enabled);
        }
    }

    public static void visible(Component component, boolean visible) {
        if (component.isVisible() != visible) {
            component.setVisible(visible);
        }
    }

    public static void readOnly(HasValue<?, ?> field, boolean readOnly) {
        if (field.isReadOnly() != readOnly) {
            field.setReadOnly(readOnly);
        }
    }
}
