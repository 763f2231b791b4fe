package dev.runplane.ui.runs;

import com.vaadin.flow.component.html.Span;
import dev.runplane.runs.RunStatus;
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

    static Span of(dev.runplane.replicas.ReplicaStatus status) {
        return badge(status);
    }

    static Span of(RunStatus status) {
        return badge(status);
    }

    /** The colour class of a status, e.g. {@code status-running}. */
    static String cssClass(Enum<?> status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    private static Span badge(Enum<?> status) {
        Span badge = new Span(status.name());
        badge.addClassNames("status-badge", cssClass(status));
        return badge;
    }
}
