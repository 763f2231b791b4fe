package dev.runplane.ui.base;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.component.html.Anchor;
import dev.runplane.base.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "Not found" for a project or run that does not exist or that the user may not see — the same page either way, so
 * it reveals nothing about other teams.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not found · Runplane")
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {
    private final Paragraph detail = new Paragraph();

    public NotFoundView() {
        fill(this, detail);
    }

    /** The one look of "Not found", shared with {@link UnknownRouteView}. */
    static void fill(VerticalLayout page, Paragraph detail) {
        page.setId("not-found");
        page.add(new H2("Not found"), detail, new Anchor("/", "Back to your runs"));
    }

    /**
     * Shows this page instead of the route being entered. Always use this rather than
     * {@code rerouteToError(NotFoundException.class, …)}: that variant makes Vaadin instantiate the exception with a
     * no-arg constructor, which it does not have, and the user got an internal error page instead.
     */
    public static void reroute(BeforeEnterEvent event, String message) {
        event.rerouteToError(new NotFoundException(message), message);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        detail.setText(parameter.hasCustomMessage() ? capitalize(parameter.getCustomMessage())
                : "There is nothing here, or you may not see it.");
        return HttpServletResponse.SC_NOT_FOUND;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
