package dev.runplane.users.tokens;

import dev.runplane.users.AdminReady;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Installs {@code RUNPLANE_ADMIN_TOKEN} as the bootstrap administrator's {@code bootstrap} token once that user
 * exists. A malformed value stops the start-up (before anything is written) rather than leaving the operator with
 * a token that can never authenticate; the message never repeats the value.
 */
@Component
class BootstrapToken {
    static final int MIN_LENGTH = 24;

    private final ApiTokenService tokens;
    private final BootstrapTokenProperties properties;

    BootstrapToken(ApiTokenService tokens, BootstrapTokenProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
        if (properties.hasToken()) {
            requireWellFormed(properties.token());
        }
    }

    @EventListener
    void on(AdminReady adminReady) {
        if (properties.hasToken()) {
            tokens.installBootstrapToken(adminReady.username(), properties.token());
        }
    }

    static void requireWellFormed(String secret) {
        if (!secret.startsWith(TokenSecrets.PREFIX) || secret.length() < MIN_LENGTH
                || secret.length() > TokenSecrets.MAX_LENGTH || !TokenSecrets.plausible(secret)) {
            throw new IllegalStateException("RUNPLANE_ADMIN_TOKEN (runplane.admin.token) must start with '"
                    + TokenSecrets.PREFIX + "' and be " + MIN_LENGTH + " to " + TokenSecrets.MAX_LENGTH
                    + " printable characters without spaces, e.g. 'rp_' followed by the output of "
                    + "'openssl rand -hex 32'");
        }
    }
}
