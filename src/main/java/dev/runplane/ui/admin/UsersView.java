package dev.runplane.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import dev.runplane.users.UserInfo;
import dev.runplane.users.UserService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Users, for global administrators; to everyone else the page does not exist. */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · Runplane")
@PermitAll
class UsersView extends VerticalLayout implements BeforeEnterObserver {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String user;
    private final Actor actor;
    private final UserService users;
    private final ProjectAccess access;
    private final Grid<UserInfo> grid = new Grid<>();
    private final TextField username = new TextField("Username");
    private final PasswordField password = new PasswordField("Password (empty: SSO only)");
    private final Checkbox globalAdmin = new Checkbox("Global administrator");

    UsersView(AuthenticationContext authentication, UserService users, ProjectAccess access) {
        this.user = authentication.getPrincipalName().orElseThrow();
        this.actor = new Actor(user, Source.UI);
        this.users = users;
        this.access = access;
        username.setId("user-username");
        password.setId("user-password");
        globalAdmin.setId("user-global-admin");
        Button create = new Button("Create user", e -> create());
        create.setId("user-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(username, password, globalAdmin, create);
        form.setId("user-form");
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        grid.setId("users-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(UserInfo::username).setHeader("Username").setAutoWidth(true);
        grid.addColumn(UserInfo::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(u -> u.globalAdmin() ? "yes" : "").setHeader("Global admin").setAutoWidth(true);
        grid.addColumn(u -> u.enabled() ? "enabled" : "disabled").setHeader("Status").setAutoWidth(true);
        grid.addColumn(u -> (u.localPassword() ? "password" : "") + (u.localPassword() && u.sso() ? ", " : "")
                + (u.sso() ? "SSO" : "")).setHeader("Signs in with").setAutoWidth(true);
        grid.addColumn(u -> TIME.format(u.createdAt())).setHeader("Created").setAutoWidth(true);
        add(new H2("Users"), form, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!access.isGlobalAdmin(user)) {
            NotFoundView.reroute(event, "page 'admin/users' not found");
            return;
        }
        refresh();
    }

    private void create() {
        try {
            String raw = password.getValue().isEmpty() ? null : password.getValue();
            UserInfo created = users.create(actor, username.getValue().strip(), raw, globalAdmin.getValue());
            AdminErrors.done("User '" + created.username() + "' created");
            username.clear();
            password.clear();
            globalAdmin.clear();
            refresh();
        } catch (RuntimeException e) {
            AdminErrors.show(e);
        }
    }

    private void refresh() {
        try {
            grid.setItems(users.list(actor));
        } catch (RuntimeException e) {
            AdminErrors.show(e);
        }
    }
}
