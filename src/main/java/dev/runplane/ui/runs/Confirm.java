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
}
