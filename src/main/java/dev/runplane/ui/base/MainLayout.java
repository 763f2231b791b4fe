package dev.runplane.ui.base;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The frame around every signed-in page: product name, navigation, who is signed in, and sign out. */
@PermitAll
public class MainLayout extends AppLayout {
    private final ConnectionWatcher connection = new ConnectionWatcher();

    public MainLayout(AuthenticationContext authentication) {
        Span brand = new Span("Runplane");
        brand.addClassName("brand");

        Span user = new Span(authentication.getPrincipalName().orElse(""));
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
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, new Span(), connection, user,
                signOut);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(2));
        header.addClassName("app-header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Runs", ""));
        nav.addItem(new SideNavItem("API tokens", "tokens"));
        addToDrawer(nav);
    }
}
