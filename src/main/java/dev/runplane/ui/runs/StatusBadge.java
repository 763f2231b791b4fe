package dev.runplane.ui.runs;

import com.vaadin.flow.component.html.Span;
import dev.runplane.runs.RunStatus;
import dev.runplane.ui.base.Redraw;
import java.util.Locale;

/**
 * A run status as a coloured label; colours come from styles.css ({@code .status-badge.status-*}). {@link #TEMPLATE}
 * is the same label as a Lit template for grids that render their rows client-side.
 */
final class StatusBadge {
    /** The Lit twin of {@link #of(RunStatus)}: properties {@code statusClass} and {@code status}. */
    static final String TEMPLATE = "<span class=\"status-badge ${item.statusClass}\">${item.status}</span>";

    private StatusBadge() {
    }

    static Span of(RunStatus status) {
        Span badge = new Span();
        show(badge, status);
        return badge;
    }

    /**
     * Shows a status in a badge that is already on the page: a changed status swaps the colour class and the text,
     * an unchanged one sends nothing.
     */
    static void show(Span badge, Enum<?> status) {
        String wanted = cssClass(status);
        if (!badge.hasClassName(wanted)) {
            badge.getClassNames().removeIf(name -> name.startsWith("status-") && !name.equals("status-badge"));
            badge.addClassNames("status-badge", wanted);
        }
        Redraw.text(badge, status.name());
    }

    /** The colour class of a status, e.g. {@code status-running}. */
    static String cssClass(Enum<?> status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }
}
