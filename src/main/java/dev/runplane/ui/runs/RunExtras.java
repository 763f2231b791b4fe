package dev.runplane.ui.runs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import dev.runplane.runs.RunDetails.RunDetail;

/** The log and stats panels of the run page, kept behind one small seam so the view stays short. */
class RunExtras {
    /** Creates the panels for one view instance. */
    interface Factory {
        RunExtras create(String reader);
    }

    private final Div logs = new Div();
    private final Div stats = new Div();

    Component logs() {
        return logs;
    }

    Component stats() {
        return stats;
    }

    void show(String project, String run, RunDetail detail) {
        // filled by the log and stats panels
    }

    @org.springframework.stereotype.Component
    static class DefaultFactory implements Factory {
        @Override
        public RunExtras create(String reader) {
            return new RunExtras();
        }
    }
}
