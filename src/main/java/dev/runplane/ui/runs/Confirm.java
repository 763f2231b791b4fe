package dev.runplane.ui.runs;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.runplane.ui.base.ConfirmDialogs;

/** Confirmation for actions that cannot be undone. */
final class Confirm {
    private Confirm() {
    }

    static void abort(String run, Runnable onConfirm) {
        ConfirmDialogs.destructive("confirm-abort", "Abort " + run + "?",
                "Every replica is killed at once, without a grace period. This cannot be undone.", "Abort", onConfirm);
    }

    static void restart(String run, int replica, Runnable onConfirm) {
        ConfirmDialogs.destructive("confirm-restart", "Restart replica " + replica + " of " + run + "?",
                "Its process is stopped and a new one starts; work in progress on that replica is lost.", "Restart",
                onConfirm);
    }

    static void delete(String run, Runnable onConfirm) {
        ConfirmDialogs.destructive("confirm-delete", "Delete " + run + "?",
                "The run and its history are removed; its events stay in the audit log. This cannot be undone.", "Delete", onConfirm);
    }
}
