package dev.runplane.ui.runs;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Confirmation for actions that cannot be undone. */
final class Confirm {
    private Confirm() {
    }

    static void abort(String run, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Abort " + run + "?");
        dialog.setText("Every replica is killed at once, without a grace period. This cannot be undone.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Abort");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.setId("confirm-abort");
        dialog.open();
    }

    static void scale(String run, int from, int to, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Scale " + run + " from " + from + " to " + to + " replicas?");
        dialog.setText(to < from ? "The highest replica numbers are stopped gracefully." : "New replicas start at once.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Scale");
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.setId("confirm-scale");
        dialog.open();
    }
}
