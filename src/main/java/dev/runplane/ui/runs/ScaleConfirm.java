package dev.runplane.ui.runs;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import java.util.function.LongConsumer;

/**
 * The confirm dialog of a scale, kept up to date: when the run changes under an open dialog it says the run's new
 * count and confirms against the new version (the user reads what they confirm), and it closes when the run ends.
 */
final class ScaleConfirm {
    private ConfirmDialog dialog;
    private String run;
    private int to;
    private long version;

    void open(String run, int from, int to, long version, LongConsumer onConfirm) {
        close();
        this.run = run;
        this.to = to;
        this.version = version;
        ConfirmDialog opened = new ConfirmDialog();
        opened.setCancelable(true);
        opened.setConfirmText("Scale");
        opened.addConfirmListener(e -> onConfirm.accept(this.version));
        opened.addCancelListener(e -> dialog = null);
        opened.addConfirmListener(e -> dialog = null);
        opened.setId("confirm-scale");
        dialog = opened;
        describe(from);
        opened.open();
    }

    /** The run now wants {@code from} replicas at {@code newVersion}; a finished run closes the dialog. */
    void refresh(int from, long newVersion, boolean active) {
        if (dialog == null || !dialog.isOpened()) {
            dialog = null;
            return;
        }
        if (!active) {
            close();
            return;
        }
        if (newVersion != version) {
            version = newVersion;
            describe(from);
        }
    }

    private void describe(int from) {
        dialog.setHeader("Scale " + run + " from " + from + " to " + to + " replicas?");
        dialog.setText(from == to ? "The run already wants " + to + " replicas: nothing changes."
                : to < from ? "The highest replica numbers are stopped gracefully." : "New replicas start at once.");
    }

    private void close() {
        if (dialog != null) {
            dialog.close();
            dialog = null;
        }
    }
}
