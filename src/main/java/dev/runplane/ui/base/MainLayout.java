package dev.runplane.ui.base;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.ProjectService;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in page: product name, project switcher, navigation, who is signed in, and sign
 * out. Global administrators also see "Users" (the services refuse everyone else anyway).
 */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {
    private final ConnectionWatcher connection = new ConnectionWatcher();
    private final Select<String> projectSwitcher = new Select<>();
    private final SideNavItem overviewItem = new SideNavItem("Overview", "");
    private final SideNavItem runsItem = new SideNavItem("Runs", "projects");
    /** the project of the page shown, so that following navigation does not navigate again */
    private String currentProject;

    public MainLayout(AuthenticationContext authentication, ProjectService projects, ProjectAccess access) {
        String username = authentication.getPrincipalName().orElse("");
        Span brand = new Span("Runplane");
        brand.addClassName("brand");

        Span user = new Span(username);
        user.addClassName("signed-in-user");
        user.setId("signed-in-user");
        Button signOut = new Button("Sign out", e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");

        // changes made while the connection was down were never pushed: re-read them
        connection.addReconnectedListener(e -> {
            if (getContent() instanceof LiveView view) {
                view.rereadAll();
            }
        });
        projectSwitcher.setId("project-switcher");
        projectSwitcher.setPlaceholder("Project");
        projectSwitcher.setAriaLabel("Project");
        projectSwitcher.setItems(projects.projectNamesReadableBy(username));
        projectSwitcher.addValueChangeListener(e -> {
            String chosen = e.getValue();
            if (chosen != null && !chosen.equals(currentProject)) {
                getUI().ifPresent(ui -> ui.navigate("projects/" + chosen + "/runs"));
            }
        });
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, projectSwitcher, new Span(),
                connection, user, signOut);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(3));
        header.addClassName("app-header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.setId("main-nav");
        runsItem.setMatchNested(true); // a run's own page is still "Runs"
        nav.addItem(overviewItem, runsItem);
        nav.addItem(new SideNavItem("Projects", "admin/projects"));
        nav.addItem(new SideNavItem("Audit", "audit"));
        if (access.isGlobalAdmin(username)) {
            nav.addItem(new SideNavItem("Users", "admin/users"));
        }
        nav.addItem(new SideNavItem("API tokens", "tokens"));
        addToDrawer(nav, drawerAccount(username, authentication));
    }

    /** On a phone the header has no room for the user and sign-out: the drawer carries them (CSS shows one). */
    private static Div drawerAccount(String username, AuthenticationContext authentication) {
        Span user = new Span("Signed in as " + username);
        user.addClassName("muted");
        Button signOut = new Button("Sign out", e -> authentication.logout());
        signOut.setId("drawer-sign-out");
        Div account = new Div(user, signOut);
        account.addClassNames("drawer-account", "drawer-sign-out");
        return account;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        currentProject = event.getRouteParameters().get("project").orElse(null);
        if (currentProject != null && projectSwitcher.getListDataView().contains(currentProject)) {
            projectSwitcher.setValue(currentProject);
            projectSwitcher.setPlaceholder("Project");
            CurrentProject.remember(currentProject);
        } else {
            // a global page (audit, tokens…) belongs to no project: an empty switcher, not a "Project" prompt
            projectSwitcher.clear();
            projectSwitcher.setPlaceholder("");
        }
        // the nav follows the project last opened, so that "Runs" is highlighted on its runs and run pages
        String project = currentProject != null ? currentProject : CurrentProject.get().orElse(null);
        overviewItem.setPath(project == null ? "" : "projects/" + project);
        runsItem.setPath(project == null ? "projects" : "projects/" + project + "/runs");
    }
}
