package dev.runplane.users;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Form login against the {@code app_user} table. Users without a password hash (SSO users) cannot sign in with a
 * password. Global administrators get {@code ROLE_ADMIN}; project roles are checked per project by the services.
 */
@Component
class LocalUserDetailsService implements UserDetailsService {
    private final UserRepository users;

    LocalUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        User user = users.findByUsername(username)
                .filter(u -> u.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.globalAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return org.springframework.security.core.userdetails.User.withUsername(user.username())
                .password(user.passwordHash())
                .disabled(!user.enabled())
                .authorities(authorities)
                .build();
    }
}
