package dev.runplane.ui.runs;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.projects.ProjectService;
import dev.runplane.ui.base.CurrentProject;
import dev.runplane.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The start page: the overview of the project the user last opened (else the first one they can see), or a clear
 * message when there is none.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Runplane")
@PermitAll
class HomeView extends VerticalLayout implements BeforeEnterObserver {
    private final List<String> projects;

    HomeView(AuthenticationContext authentication, ProjectService projectService) {
        this.projects = projectService.projectNamesReadableBy(authentication.getPrincipalName().orElseThrow());
        add(new H2("No projects yet"), new Paragraph("You are not a member of any project. Ask a project "
                + "administrator to add you."));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!projects.isEmpty()) {
            String project = CurrentProject.get().filter(projects::contains).orElse(projects.getFirst());
            event.forwardTo("projects/" + project);
        }
    }
}
