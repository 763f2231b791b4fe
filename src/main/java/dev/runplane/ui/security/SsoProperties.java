package dev.runplane.ui.security;

import dev.runplane.projects.Role;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runplane.sso.*}: how an SSO login becomes a Runplane user with project roles. The provider itself (issuer
 * URI, client id and secret, scopes, user name claim) is configured with Spring Boot's
 * {@code spring.security.oauth2.client.*} properties; without a registration there, SSO is off.
 *
 * @param localLoginEnabled false hides the password form and refuses password logins (SSO only)
 * @param groupsClaim       the ID token or user-info claim that lists the user's groups
 * @param usernameClaim     the claim a new user's name is taken from (at the first login only: afterwards the
 *                          user is found by the IdP's subject)
 * @param groupMappings     group → project and role, applied at every login
 */
@ConfigurationProperties("runplane.sso")
record SsoProperties(
        @DefaultValue("true") boolean localLoginEnabled,
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue List<GroupMapping> groupMappings) {

    /** Members of {@code group} get {@code role} in {@code project}. */
    record GroupMapping(String group, String project, Role role) {
    }

    /** The roles the groups grant, per project; where several groups map to one project, the strongest wins. */
    Map<String, Role> rolesFor(Collection<String> groups) {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (GroupMapping mapping : groupMappings) {
            if (mapping.group() != null && mapping.project() != null && mapping.role() != null
                    && groups.contains(mapping.group())) {
                roles.merge(mapping.project(), mapping.role(), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
            }
        }
        return roles;
    }
}
