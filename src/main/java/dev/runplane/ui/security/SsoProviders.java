package dev.runplane.ui.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * What the login page offers: the configured SSO providers (none without a registration) and the password form.
 * Refuses to start with a registration whose redirect URI is not an absolute URL from configuration: Spring's
 * default ({@code {baseUrl}/login/oauth2/code/…}) is built from the request's Host header, which a client can spoof.
 */
@Component
class SsoProviders {
    record Provider(String registrationId, String name) {
        String loginPath() {
            return "oauth2/authorization/" + registrationId;
        }
    }

    private final List<Provider> providers;
    private final boolean localLoginEnabled;

    SsoProviders(ObjectProvider<ClientRegistrationRepository> registrations, SsoProperties sso) {
        List<Provider> found = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object o : all) {
                ClientRegistration r = (ClientRegistration) o;
                requireConfiguredRedirectUri(r);
                found.add(new Provider(r.getRegistrationId(), r.getClientName()));
            }
        }
        this.providers = List.copyOf(found);
        this.localLoginEnabled = sso.localLoginEnabled() || providers.isEmpty();
    }

    static void requireConfiguredRedirectUri(ClientRegistration registration) {
        String uri = registration.getRedirectUri();
        if (uri == null || uri.contains("{") || !(uri.startsWith("https://") || uri.startsWith("http://"))) {
            throw new IllegalStateException("spring.security.oauth2.client.registration." + registration
                    .getRegistrationId() + ".redirect-uri must be this server's absolute address, e.g. "
                    + "https://runplane.example.com/login/oauth2/code/" + registration.getRegistrationId()
                    + " (it is '" + uri + "'): a redirect URI built from request headers could be spoofed");
        }
    }

    List<Provider> providers() {
        return providers;
    }

    boolean enabled() {
        return !providers.isEmpty();
    }

    /** Never false without a provider: switching off the only way in would lock everyone out. */
    boolean localLoginEnabled() {
        return localLoginEnabled;
    }
}
