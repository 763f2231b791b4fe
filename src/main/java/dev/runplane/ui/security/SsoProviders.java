package dev.runplane.ui.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/** What the login page offers: the configured SSO providers (none without a registration) and the password form. */
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
                found.add(new Provider(r.getRegistrationId(), r.getClientName()));
            }
        }
        this.providers = List.copyOf(found);
        this.localLoginEnabled = sso.localLoginEnabled() || providers.isEmpty();
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
