package dev.runplane.ui.security;

import dev.runplane.users.UserService;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the server takes requests: SSO users made before identities were keyed by (issuer, subject)
 * get the issuer of the one configured provider. With several providers Runplane cannot know where they came from,
 * and guessing would let one provider's subject open another's account: it refuses to start and says what to do.
 */
@Component
class SsoIdentityMigration {
    private static final Logger log = LoggerFactory.getLogger(SsoIdentityMigration.class);

    SsoIdentityMigration(ObjectProvider<ClientRegistrationRepository> registrations, UserService users) {
        List<String> issuers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object o : all) {
                issuers.add(((ClientRegistration) o).getProviderDetails().getIssuerUri());
            }
        }
        migrate(users, issuers);
    }

    /** @param issuers the configured providers' issuer URIs (null where a provider has none configured) */
    static void migrate(UserService users, List<String> issuers) {
        long waiting = users.countSsoUsersWithoutIssuer();
        if (waiting == 0) {
            return;
        }
        if (issuers.isEmpty()) {
            log.warn("{} SSO users have no issuer recorded; they can sign in again once their provider is configured",
                    waiting);
            return;
        }
        if (issuers.size() > 1 || issuers.get(0) == null) {
            throw new IllegalStateException(waiting + " SSO users were created before Runplane recorded which "
                    + "identity provider each one came from, and " + (issuers.size() > 1 ? issuers.size()
                    + " providers are configured, so it cannot tell" : "the configured provider has no issuer-uri")
                    + ". Start Runplane once with only the provider those users signed in with (configured with its "
                    + "issuer-uri): their issuer is then recorded; then add the other providers. (Or set "
                    + "app_user.oidc_issuer for those rows yourself.)");
        }
        int assigned = users.assignSsoIssuer(issuers.get(0));
        log.info("{} existing SSO users now belong to issuer {}", assigned, issuers.get(0));
    }
}
