package dev.runplane.ui.runs;

import com.vaadin.flow.component.html.Span;
import dev.runplane.runs.RunStatus;

/** A run status as a coloured label; colours come from styles.css ({@code .status-badge.status-*}). */
final class StatusBadge {
    private StatusBadge() {
    }

    static Span of(dev.runplane.replicas.ReplicaStatus status) {
        Span badge = new Span(status.name());
        badge.addClassNames("status-badge", "status-" + status.name().toLowerCase());
        return badge;
    }

    static Span of(RunStatus status) {
        Span badge = new Span(status.name());
        badge.addClassNames("status-badge", "status-" + status.name().toLowerCase());
        return badge;
    }
}
