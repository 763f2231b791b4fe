package dev.runplane.ui.security;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
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

/**
 * Sign-in: the local form (it posts to Spring Security's {@code /login}) and one "Sign in with …" link per SSO
 * provider. A failure of either comes back as {@code ?error}. With local login switched off only the links show.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Runplane")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final LoginForm form = new LoginForm();
    private final Paragraph ssoError = new Paragraph("Sign-in failed. Try again or ask your administrator.");
    private final boolean localLogin;

    LoginView(SsoProviders sso) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        localLogin = sso.localLoginEnabled();

        H1 title = new H1("Runplane");
        title.addClassName("login-title");
        Paragraph tagline = new Paragraph("Replicated compute runs, always shown as they are.");
        add(title, tagline);

        if (localLogin) {
            LoginI18n i18n = LoginI18n.createDefault();
            i18n.getForm().setTitle("Sign in");
            i18n.getErrorMessage().setTitle("Wrong user name or password");
            i18n.getErrorMessage().setMessage("Check your user name and password and try again.");
            form.setI18n(i18n);
            form.setAction("login");
            form.setForgotPasswordButtonVisible(false);
            add(form);
        } else {
            ssoError.setId("sso-error");
            ssoError.setVisible(false);
            add(ssoError);
        }
        if (sso.enabled()) {
            Div providers = new Div();
            providers.setId("sso-providers");
            for (SsoProviders.Provider provider : sso.providers()) {
                // a full page load: Spring Security, not Vaadin's router, handles this path
                Anchor link = new Anchor(provider.loginPath(), "Sign in with " + provider.name());
                link.setRouterIgnore(true);
                link.setId("sso-" + provider.registrationId());
                link.addClassName("sso-login");
                providers.add(link);
            }
            add(providers);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean error = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        if (localLogin) {
            form.setError(error);
        } else {
            ssoError.setVisible(error);
        }
    }
}
