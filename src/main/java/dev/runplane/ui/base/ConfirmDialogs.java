package dev.runplane.ui.base;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * "Are you sure?" for actions that cannot be undone (revoke, restart, delete, abort). Cancel is the focused button,
 * so Enter or Escape right after it opens never does the damage; only a deliberate click, or Tab to the red button
 * and Enter, does.
 * Vaadin's ConfirmDialog focuses its confirm button, which is why this is a plain Dialog.
 */
public final class ConfirmDialogs {
    private ConfirmDialogs() {
    }

    /**
     * Opens the dialog and returns it (tests and callers may close it).
     *
     * @param id          element id of the dialog, for example {@code confirm-revoke}
     * @param confirmText the destructive button's label, a verb: "Revoke", "Delete"
     */
    public static Dialog destructive(String id, String header, String text, String confirmText, Runnable onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setId(id);
        dialog.setHeaderTitle(header);
        dialog.add(new Paragraph(text));
        Button cancel = new Button("Cancel", e -> dialog.close());
        cancel.setId(id + "-cancel");
        Button confirm = new Button(confirmText, e -> {
            dialog.close();
            onConfirm.run();
        });
        confirm.setId(id + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, confirm);
        dialog.setCloseOnEsc(true);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
        cancel.focus();
        return dialog;
    }
}
