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
    private final LoginThrottle throttle;

    LoginView(SsoProviders sso, LoginThrottle throttle) {
        this.throttle = throttle;
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
            form.setI18n(i18n("Wrong user name or password", "Check your user name and password and try again."));
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
        var parameters = event.getLocation().getQueryParameters().getParameters();
        boolean error = parameters.containsKey("error");
        if (localLogin) {
            if (parameters.containsKey("blocked")) {
                java.time.Duration wait = blockedFor();
                form.setI18n(i18n("Too many failed sign-ins", "Sign-ins from your network address are paused after "
                        + "repeated failures. " + (wait.isZero() ? "You may try again now."
                        : "Try again in " + minutes(wait) + ".")));
                error = true;
            } else if (parameters.containsKey("expired")) {
                form.setI18n(i18n("The sign-in page had expired", "Please enter your user name and password again."));
                error = true;
            }
            form.setError(error);
        } else {
            ssoError.setVisible(error);
        }
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }

    private java.time.Duration blockedFor() {
        com.vaadin.flow.server.VaadinRequest request = com.vaadin.flow.server.VaadinRequest.getCurrent();
        return request == null ? java.time.Duration.ZERO : throttle.blockedFor(request.getRemoteAddr());
    }

    private static String minutes(java.time.Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
