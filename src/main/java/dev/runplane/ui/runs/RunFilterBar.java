package dev.runplane.ui.runs;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.runplane.runs.RunQueries.Filter;
import dev.runplane.runs.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Filters of the runs list; a dumb component that reports changes. */
final class RunFilterBar extends HorizontalLayout {
    private static final String ANY = "Any status";
    private final Select<String> status = new Select<>();
    private final TextField name = new TextField();
    private final TextField submittedBy = new TextField();

    RunFilterBar() {
        List<String> items = new ArrayList<>();
        items.add(ANY);
        for (RunStatus s : RunStatus.values()) {
            items.add(s.name());
        }
        status.setItems(items);
        status.setValue(ANY);
        status.setId("filter-status");
        name.setPlaceholder("Name contains…");
        name.setId("filter-name");
        submittedBy.setPlaceholder("Submitted by…");
        submittedBy.setId("filter-submitted-by");
        name.setValueChangeMode(ValueChangeMode.LAZY);
        submittedBy.setValueChangeMode(ValueChangeMode.LAZY);
        name.setClearButtonVisible(true);
        submittedBy.setClearButtonVisible(true);
        add(status, name, submittedBy);
    }

    void onChange(Runnable listener) {
        status.addValueChangeListener(e -> listener.run());
        name.addValueChangeListener(e -> listener.run());
        submittedBy.addValueChangeListener(e -> listener.run());
    }

    /** Sets the status filter from outside (the overview's status links), or clears it with null. */
    void selectStatus(RunStatus selected) {
        status.setValue(selected == null ? ANY : selected.name());
    }

    Filter value() {
        RunStatus selected = Optional.ofNullable(status.getValue()).filter(v -> !ANY.equals(v))
                .map(RunStatus::valueOf).orElse(null);
        return new Filter(selected, name.getValue(), submittedBy.getValue());
    }
}
