package dev.runplane.ui.runs;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import dev.runplane.ui.base.Redraw;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Above the current-replica table: its counts by kind as toggle buttons that filter it ("All" clears), and past
 * {@link ReplicaPage#SIZE} rows a pager. They sit at the top of the section's content, not in its summary:
 * vaadin-details-summary is itself a button, so buttons in it would be controls inside a control (axe:
 * nested-interactive) and each click would also fold the section. A dumb component: it shows the table's
 * {@link ReplicaPage.View} and hands choices to the listeners. Its buttons are created once and only changed, like
 * the table's rows: the page is redrawn at every change of the run in every open browser.
 */
final class ReplicaToolbar extends Div {
    private final NativeButton all;
    private final Map<ReplicaKind, NativeButton> kinds = new EnumMap<>(ReplicaKind.class);
    private final Span empty = new Span();
    private final Div pager = new Div();
    private final Span range = new Span();
    private final NativeButton previous;
    private final NativeButton next;
    private ReplicaPage.View shown;

    ReplicaToolbar(Consumer<ReplicaKind> onFilter, IntConsumer onTurn) {
        addClassName("replica-toolbar");
        Div filters = new Div();
        filters.addClassName("replica-filters");
        filters.getElement().setAttribute("role", "group");
        filters.getElement().setAttribute("aria-label", "Show replicas by status");
        all = button("replicas-filter-all", "All", e -> onFilter.accept(null));
        filters.add(all);
        for (ReplicaKind kind : ReplicaKind.values()) {
            NativeButton button = button("replicas-filter-" + kind.word(), kind.word(), e -> onFilter.accept(kind));
            button.setVisible(false);
            kinds.put(kind, button);
            filters.add(button);
        }
        empty.setId("replicas-empty");
        empty.addClassName("replica-empty");
        empty.setVisible(false);
        // disabled by aria-disabled, not the disabled attribute: Next at the last page keeps the keyboard's focus
        previous = button("replicas-previous", "Previous", e -> {
            if (shown != null && shown.hasPrevious()) {
                onTurn.accept(-1);
            }
        });
        next = button("replicas-next", "Next", e -> {
            if (shown != null && shown.hasNext()) {
                onTurn.accept(1);
            }
        });
        range.setId("replicas-range");
        pager.addClassName("replica-pager");
        pager.getElement().setAttribute("role", "group");
        pager.getElement().setAttribute("aria-label", "Pages of replicas");
        pager.add(previous, range, next);
        pager.setVisible(false);
        add(filters, empty, pager);
    }

    private static NativeButton button(String id, String text,
                                       ComponentEventListener<ClickEvent<NativeButton>> listener) {
        NativeButton button = new NativeButton(text, listener);
        button.setId(id);
        button.addClassName("replica-tool");
        return button;
    }

    /**
     * The kinds present, which one is pressed, and the page. A chosen kind that has no replica left keeps its
     * (pressed) button, and a line says "No retrying replicas now", rather than falling back to All: the reader
     * chose it to watch those replicas, and a silent switch would put every row under their eyes, drop their choice
     * and, when the kind comes back at the next failure, not show it to them. "All" is one click away.
     */
    void show(ReplicaPage.View view) {
        shown = view;
        ReplicaKind chosen = view.shown().kind();
        Redraw.text(all, "All " + view.counts().total());
        pressed(all, chosen == null);
        kinds.forEach((kind, button) -> {
            int count = view.counts().of(kind);
            Redraw.visible(button, count > 0 || kind == chosen);
            Redraw.text(button, count + " " + kind.word());
            pressed(button, kind == chosen);
        });
        show(empty, view.emptyText());
        Redraw.visible(pager, view.paged());
        Redraw.text(range, view.rangeText());
        attribute(previous, "aria-disabled", Boolean.toString(!view.hasPrevious()));
        attribute(next, "aria-disabled", Boolean.toString(!view.hasNext()));
    }

    private static void show(Span span, String text) {
        Redraw.text(span, text);
        Redraw.visible(span, !text.isEmpty());
    }

    private static void pressed(NativeButton button, boolean pressed) {
        attribute(button, "aria-pressed", Boolean.toString(pressed));
    }

    /** Like {@link Redraw}: an attribute is sent only when it changes. */
    private static void attribute(Component component, String name, String value) {
        if (!Objects.equals(component.getElement().getAttribute(name), value)) {
            component.getElement().setAttribute(name, value);
        }
    }
}
