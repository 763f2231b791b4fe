package dev.runplane.users;

import java.time.Clock;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds users; the only place that hashes passwords. */
@Service
public class UserService {
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<User> findByUsername(String username) {
        return users.findByUsername(username);
    }

    @Transactional
    public User createLocalUser(String username, String rawPassword, boolean globalAdmin) {
        return users.save(User.local(username, passwordEncoder.encode(rawPassword), globalAdmin, clock.instant()));
    }

    @Transactional
    public User setPassword(User user, String rawPassword) {
        return users.save(user.withPasswordHash(passwordEncoder.encode(rawPassword)));
    }
}
