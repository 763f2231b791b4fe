package dev.runplane.ui.base;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A path that is no route at all ({@code /foo}, {@code /admin}): the same styled page as a run that does not exist,
 * in place of Vaadin's default one. A separate class because one class cannot handle both exception types.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not found · Runplane")
@PermitAll
public class UnknownRouteView extends VerticalLayout implements HasErrorParameter<NotFoundException> {
    private final Paragraph detail = new Paragraph("There is nothing here, or you may not see it.");

    public UnknownRouteView() {
        NotFoundView.fill(this, detail);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
