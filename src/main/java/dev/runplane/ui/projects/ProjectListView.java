package dev.runplane.ui.projects;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.projects.ProjectInfo;
import dev.runplane.projects.ProjectService;
import dev.runplane.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** {@code /projects}: the projects the signed-in user can see, each a link to its overview, with the user's role. */
@Route(value = "projects", layout = MainLayout.class)
@PageTitle("Projects · Runplane")
@PermitAll
class ProjectListView extends VerticalLayout {
    static final String NAME_TEMPLATE = "<a href=\"${item.href}\" router-link>${item.name}</a>";

    ProjectListView(AuthenticationContext authentication, ProjectService projects) {
        String reader = authentication.getPrincipalName().orElseThrow();
        Grid<ProjectInfo> grid = new Grid<>();
        grid.setId("projects-list");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(LitRenderer.<ProjectInfo>of(NAME_TEMPLATE)
                        .withProperty("href", p -> "projects/" + UriUtils.encodePathSegment(p.name(),
                                StandardCharsets.UTF_8))
                        .withProperty("name", ProjectInfo::name))
                .setHeader("Project").setFlexGrow(1).setFrozen(true);
        grid.addColumn(ProjectInfo::displayName).setHeader("Display name").setFlexGrow(1);
        grid.addColumn(p -> p.role() == null ? "" : p.role().name().toLowerCase()).setHeader("Your role")
                .setAutoWidth(true);
        grid.setItems(projects.listReadable(reader));
        grid.setEmptyStateText("You are not a member of any project yet. Ask a project administrator to add you.");
        add(new H2("Projects"), grid);
    }
}
