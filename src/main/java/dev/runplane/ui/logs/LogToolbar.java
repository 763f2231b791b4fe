package dev.runplane.ui.logs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.runplane.ui.base.Redraw;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The log panel's controls. Dumb: it reports what the reader did and shows what it is told. */
final class LogToolbar extends HorizontalLayout {
    static final LogPick ALL = LogPick.ALL;

    /** What the reader did; each call comes from the browser, never from a {@code show…} method. */
    interface Listener {
        void picked(LogPick pick);

        void historyChanged(boolean includeHistory);

        void followChanged(boolean follow);

        void searchChanged(String query);

        void loadOlder();
    }

    /**
     * A combo box, not a select: its items are rendered only while it is open, so a run page whose replicas change
     * (at every scale, in every open browser) or a run with hundreds of replicas costs the page nothing here.
     */
    private final ComboBox<LogPick> replicaSelect = new ComboBox<>();
    private final Checkbox follow = new Checkbox("Follow", true);
    private final Checkbox timestamps = new Checkbox("Timestamps", false);
    private final Checkbox history = new Checkbox("Include history", false);
    private final TextField search = new TextField();
    private final Button loadOlder = new Button("Load older");
    private final com.vaadin.flow.component.html.Span matches = new com.vaadin.flow.component.html.Span();
    // null until the first showReplicas, so a run with no replicas at all still gets its "All replicas" item
    private List<ReplicaChoice> choices = null;
    /**
     * The picker's items, one provider for the page's life: a scale changes the list and refreshes it, while a new
     * provider (setItems) would make the picker forget its value and send it again, with its whole client-side
     * reset, to every open browser at every scale (the UI-freshness benchmark's pushes, docs/benchmarks.md).
     */
    private final ListDataProvider<LogPick> items = new ListDataProvider<>(new ArrayList<>(List.of(ALL)));

    LogToolbar(DownloadHandler download, Listener listener, Consumer<Boolean> timestampsChanged) {
        replicaSelect.setId("log-replica-select");
        replicaSelect.setAriaLabel("Replica");
        replicaSelect.setItemLabelGenerator(this::label);
        replicaSelect.setAllowCustomValue(false);
        replicaSelect.setItems(items);
        replicaSelect.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            if (e.getValue() == null) { // the reader emptied the field: back to every replica
                replicaSelect.setValue(ALL);
                if (e.getOldValue() != null && !ALL.equals(e.getOldValue())) {
                    listener.picked(ALL);
                }
                return;
            }
            listener.picked(e.getValue());
        });
        follow.setId("log-follow");
        follow.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                listener.followChanged(e.getValue());
            }
        });
        timestamps.setId("log-timestamps");
        timestamps.addValueChangeListener(e -> timestampsChanged.accept(e.getValue()));
        // earlier submissions (scaled down, replaced, finished) merged in: reading and search cover them too
        history.setId("log-history");
        history.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                listener.historyChanged(e.getValue());
            }
        });
        search.setId("log-search");
        search.setPlaceholder("Search");
        search.setAriaLabel("Search log lines");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(400);
        search.addValueChangeListener(e -> listener.searchChanged(e.getValue()));
        loadOlder.setId("log-load-older");
        loadOlder.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        loadOlder.addClickListener(e -> listener.loadOlder());
        loadOlder.setVisible(false);
        Anchor downloadLink = new Anchor(download, AttachmentType.DOWNLOAD, "Download");
        downloadLink.setId("log-download");
        matches.setId("log-matches");
        matches.addClassName("log-matches");
        // read out when it changes, so a screen reader hears how many lines the search found
        matches.getElement().setAttribute("aria-live", "polite");
        matches.setVisible(false);
        add(replicaSelect, follow, timestamps, history, search, matches, loadOlder, downloadLink);
        addClassName("log-toolbar");
        setWrap(true);
        setWidthFull();
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    }

    /** @param replicas the current replicas, then the earlier submissions (listed after them, marked "Earlier") */
    void showReplicas(List<ReplicaChoice> replicas, LogPick selected) {
        if (!replicas.equals(choices)) {
            choices = replicas;
            items.getItems().clear();
            items.getItems().add(ALL);
            replicas.forEach(r -> items.getItems().add(LogPick.of(r)));
            items.refreshAll();
        }
        LogPick wanted = selected == null ? ALL : selected;
        if (!wanted.equals(replicaSelect.getValue())) {
            replicaSelect.setValue(wanted);
        }
    }

    void showHistory(boolean included) {
        history.setValue(included);
    }

    void showFollowing(boolean following) {
        follow.setValue(following);
    }

    /** @param text how many lines match the search; null while there is no search */
    void showMatches(String text) {
        Redraw.visible(matches, text != null);
        Redraw.text(matches, text == null ? "" : text);
    }

    void showOlderAvailable(boolean available) {
        Redraw.visible(loadOlder, available);
    }

    ComboBox<LogPick> replicaSelect() {
        return replicaSelect;
    }

    private String label(LogPick value) {
        if (value == null || value.isAll()) {
            return "All replicas";
        }
        return choices.stream().filter(c -> LogPick.of(c).equals(value)).findFirst()
                .map(ReplicaChoice::label)
                .orElse("Replica " + value.replica());
    }
}
