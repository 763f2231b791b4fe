package dev.runplane.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once Runplane is ready, says where it listens and how to sign in — at every start, whether the password was
 * generated (shown this once), set by {@code RUNPLANE_ADMIN_PASSWORD} (never shown), or chosen earlier.
 */
@Component
class SignInBanner {
    private static final Logger log = LoggerFactory.getLogger(SignInBanner.class);
    private static final String RULE = "================================================================";

    private final BootstrapAdmin bootstrapAdmin;
    private final Environment environment;

    SignInBanner(BootstrapAdmin bootstrapAdmin, Environment environment) {
        this.bootstrapAdmin = bootstrapAdmin;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        BootstrapAdmin.Outcome outcome = bootstrapAdmin.outcome();
        if (outcome == null) {
            return;
        }
        String text = text(url(), outcome);
        if (outcome instanceof BootstrapAdmin.Generated) {
            log.warn(text);
        } else {
            log.info(text);
        }
    }

    static String text(String url, BootstrapAdmin.Outcome outcome) {
        String signIn = switch (outcome) {
            case BootstrapAdmin.Generated g -> "  Sign in as '" + g.username() + "' with password: " + g.password() + "\n"
                    + "  This password is shown only once. Set RUNPLANE_ADMIN_PASSWORD\n"
                    + "  to choose your own.";
            case BootstrapAdmin.FromSetting s -> "  Sign in as '" + s.username()
                    + "' with the password set in RUNPLANE_ADMIN_PASSWORD\n  (runplane.admin.password).";
            case BootstrapAdmin.Existing e -> "  Sign in as '" + e.username()
                    + "' with the password printed at the first start,\n"
                    + "  or set RUNPLANE_ADMIN_PASSWORD to choose a new one.";
        };
        return "\n\n" + RULE + "\n  Runplane is ready: " + url + "\n" + signIn + "\n" + RULE;
    }

    /** The address a browser on this machine opens: the port actually bound, the context path, http or https. */
    String url() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        boolean sslConfigured = environment.containsProperty("server.ssl.bundle")
                || environment.containsProperty("server.ssl.key-store")
                || environment.containsProperty("server.ssl.certificate");
        String scheme = sslConfigured && environment.getProperty("server.ssl.enabled", Boolean.class, true)
                ? "https" : "http";
        String address = environment.getProperty("server.address", "");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "localhost"
                : address.contains(":") ? "[" + address + "]" : address;
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        if (contextPath.endsWith("/")) {
            contextPath = contextPath.substring(0, contextPath.length() - 1);
        }
        return scheme + "://" + host + ":" + port + contextPath + "/";
    }
}
