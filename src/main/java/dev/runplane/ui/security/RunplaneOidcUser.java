package dev.runplane.ui.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * An SSO principal whose name is the Runplane user name, so that services see the same name for SSO and local
 * users, and a later change of the IdP's name claim does not change who the user is (users are found by subject).
 */
final class RunplaneOidcUser extends DefaultOidcUser {
    private final String username;

    RunplaneOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
                     String username) {
        super(authorities, idToken, userInfo);
        this.username = username;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunplaneOidcUser other && super.equals(other) && username.equals(other.username);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + username.hashCode();
    }
}
