package dev.runplane.users.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code runplane.admin.token} ({@code RUNPLANE_ADMIN_TOKEN}): a secret the operator chooses, so that scripts can
 * call the API right after the first start, before anyone has signed in to create a token.
 */
@ConfigurationProperties("runplane.admin")
record BootstrapTokenProperties(String token) {

    boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /** Never prints the secret, wherever the properties end up (logs, actuator, debugger). */
    @Override
    public String toString() {
        return "BootstrapTokenProperties[token=" + (hasToken() ? "***" : "") + "]";
    }
}
