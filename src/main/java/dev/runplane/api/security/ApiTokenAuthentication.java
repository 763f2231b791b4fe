package dev.runplane.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API request authenticated by a bearer token. The principal is the username (so {@code getName()} works like
 * for form login); the token id is kept for audits, the secret is not kept at all.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {
    private final String username;
    private final long tokenId;

    ApiTokenAuthentication(String username, long tokenId, boolean globalAdmin) {
        super(authorities(globalAdmin));
        this.username = username;
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    public long tokenId() {
        return tokenId;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    /** The same roles as form login (LocalUserDetailsService); project roles are checked by the services. */
    private static Collection<GrantedAuthority> authorities(boolean globalAdmin) {
        List<GrantedAuthority> authorities = new ArrayList<>(2);
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (globalAdmin) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return authorities;
    }
}
