package dev.runplane.ui.base;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/**
 * The project the user last opened in this browser session: where {@code /} goes and what the nav points at on
 * global pages. Only a hint: every view checks access to the project it shows.
 */
public final class CurrentProject {
    private static final String KEY = CurrentProject.class.getName();

    private CurrentProject() {
    }

    static void remember(String project) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(KEY, project);
        }
    }

    public static Optional<String> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(KEY));
    }
}
