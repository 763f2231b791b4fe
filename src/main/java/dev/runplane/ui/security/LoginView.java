package dev.runplane.ui.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Local sign-in. The form posts to Spring Security's {@code /login}; a failure comes back as {@code ?error}. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Runplane")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final LoginForm form = new LoginForm();

    LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle("Wrong user name or password");
        i18n.getErrorMessage().setMessage("Check your user name and password and try again.");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);

        H1 title = new H1("Runplane");
        title.addClassName("login-title");
        Paragraph tagline = new Paragraph("Replicated compute runs, always shown as they are.");
        add(title, tagline, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
