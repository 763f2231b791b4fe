package dev.runplane.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.ProjectInfo;
import dev.runplane.projects.ProjectService;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.runs.RunListView;
import jakarta.annotation.security.PermitAll;

/** The projects the signed-in user can read, with its role in each; global administrators create projects here. */
@Route(value = "admin/projects", layout = MainLayout.class)
@PageTitle("Projects · Runplane")
@PermitAll
class ProjectsView extends VerticalLayout {
    private final String user;
    private final ProjectService projects;
    private final Grid<ProjectInfo> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final TextField displayName = new TextField("Display name (optional)");
    private final TextField firstAdmin = new TextField("First admin (default: you)");

    ProjectsView(AuthenticationContext authentication, ProjectService projects, ProjectAccess access) {
        this.user = authentication.getPrincipalName().orElseThrow();
        this.projects = projects;
        add(new H2("Projects"));
        if (access.isGlobalAdmin(user)) {
            add(createForm());
        }
        grid.setId("projects-grid");
        grid.setAllRowsVisible(true);
        grid.addComponentColumn(p -> new RouterLink(p.name(), RunListView.class,
                new RouteParameters("project", p.name()))).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ProjectInfo::displayName).setHeader("Display name").setAutoWidth(true);
        grid.addColumn(p -> p.role().name()).setHeader("Your role").setAutoWidth(true);
        grid.addComponentColumn(p -> new RouterLink("Members", MembersView.class,
                new RouteParameters("project", p.name()))).setAutoWidth(true);
        grid.setEmptyStateText("You are not a member of any project yet.");
        add(grid);
        refresh();
    }

    private HorizontalLayout createForm() {
        name.setId("project-name");
        name.setPattern(ProjectService.NAME.pattern());
        displayName.setId("project-display-name");
        firstAdmin.setId("project-first-admin");
        Button create = new Button("Create project", e -> create());
        create.setId("project-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, displayName, firstAdmin, create);
        form.setId("project-form");
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }

    private void create() {
        try {
            String created = projects.createProject(new Actor(user, Source.UI), name.getValue().strip(),
                    displayName.getValue(), firstAdmin.getValue()).name();
            AdminErrors.done("Project '" + created + "' created");
            name.clear();
            displayName.clear();
            firstAdmin.clear();
            refresh();
        } catch (RuntimeException e) {
            AdminErrors.show(e);
        }
    }

    private void refresh() {
        grid.setItems(projects.listReadable(user));
    }
}
