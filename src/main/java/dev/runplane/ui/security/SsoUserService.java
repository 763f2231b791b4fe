package dev.runplane.ui.security;

import dev.runplane.projects.MemberService;
import dev.runplane.users.User;
import dev.runplane.users.UserService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Turns a validated OIDC login (Spring Security has already checked state, signature, issuer, audience, expiry and
 * nonce) into a Runplane user: created on first login, found by subject afterwards, with its SSO project roles
 * re-applied from the groups claim at every login, so that roles shrink when the claim does.
 */
@Component
class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private static final Logger log = LoggerFactory.getLogger(SsoUserService.class);

    private final OidcUserService delegate = new OidcUserService();
    private final UserService users;
    private final MemberService members;
    private final SsoProperties sso;

    SsoUserService(UserService users, MemberService members, SsoProperties sso) {
        this.users = users;
        this.members = members;
        this.sso = sso;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = delegate.loadUser(request);
        // not the provider's user-name-attribute: Boot sets that to "sub" for every issuer-uri registration
        String name = oidc.getClaimAsString(sso.usernameClaim());
        User user;
        try {
            // Spring Security has checked that iss is the registration's issuer: (iss, sub) names one person
            user = users.ssoLogin(oidc.getIdToken().getIssuer().toString(), oidc.getSubject(), name,
                    oidc.getFullName());
        } catch (RuntimeException e) {
            log.warn("SSO login of subject '{}' refused: {}", oidc.getSubject(), e.getMessage());
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user"), e.getMessage(), e);
        }
        if (!user.enabled()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user"), "user is disabled");
        }
        members.applySsoRoles(user.username(), sso.rolesFor(groups(oidc)));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.globalAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return new RunplaneOidcUser(authorities, oidc.getIdToken(), oidc.getUserInfo(), user.username());
    }

    /** A list claim, or a single string; anything else counts as no groups. */
    private Collection<String> groups(OidcUser oidc) {
        Object claim = oidc.getClaims().get(sso.groupsClaim());
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return claim instanceof String single ? List.of(single) : List.of();
    }
}
