package dev.runplane.ui.admin;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.runplane.projects.LastAdminException;
import dev.runplane.projects.ProjectAlreadyExistsException;
import dev.runplane.ui.base.UiErrors;
import dev.runplane.users.UserAlreadyExistsException;

/** The admin conflicts (the API's 409s) say what is wrong themselves; everything else goes to {@link UiErrors}. */
final class AdminErrors {
    private AdminErrors() {
    }

    static String message(RuntimeException e) {
        return switch (e) {
            case LastAdminException x -> x.getMessage();
            case ProjectAlreadyExistsException x -> x.getMessage();
            case UserAlreadyExistsException x -> x.getMessage();
            default -> UiErrors.message(e);
        };
    }

    static void show(RuntimeException e) {
        Notification.show(message(e), 5000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void done(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START);
    }
}
