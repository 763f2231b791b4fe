package dev.runplane.users;

import dev.runplane.audit.AuditLog;
import dev.runplane.base.Actor;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and finds users; the only place that hashes passwords. Managing users is for global administrators,
 * checked here against the database (not the session), so a revoked administrator is refused at once.
 */
@Service
public class UserService {
    /** Names appear in audits, paths and member lists: no spaces, slashes or control characters. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final AuditLog audit;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, Clock clock, AuditLog audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<UserInfo> list(Actor actor) {
        requireGlobalAdmin(actor);
        return users.findAll().stream().sorted(Comparator.comparing(User::username)).map(UserInfo::of).toList();
    }

    /** Creates a user; without a password it can sign in only through SSO until one is set. */
    @Transactional
    public UserInfo create(Actor actor, String username, String rawPassword, boolean globalAdmin) {
        requireGlobalAdmin(actor);
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must match " + USERNAME.pattern());
        }
        if (rawPassword != null && rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (users.findByUsername(username).isPresent()) {
            throw new UserAlreadyExistsException(username);
        }
        String hash = rawPassword == null ? null : passwordEncoder.encode(rawPassword);
        User user = users.save(User.local(username, hash, globalAdmin, clock.instant()));
        audit.record(new AuditLog.Entry(actor, null, null, null, "USER_CREATED", null,
                "user=" + username + " globalAdmin=" + globalAdmin, null));
        return UserInfo.of(user);
    }

    /**
     * The user behind an OIDC identity, created on its first login. Users are matched by issuer and subject together
     * (two providers may give the same subject to different people), never by name: a name the IdP sends that
     * belongs to a different (e.g. local) user is refused, never linked, so an IdP account named "admin" cannot
     * take over the local administrator.
     */
    @Transactional
    public User ssoLogin(String issuer, String subject, String preferredUsername, String displayName) {
        if (issuer == null || issuer.isBlank() || issuer.length() > 255 || subject == null || subject.isBlank()
                || subject.length() > 255) {
            throw new IllegalArgumentException("the IdP's issuer or subject is missing or longer than 255 characters");
        }
        Optional<User> known = users.findByOidcIssuerAndOidcSubject(issuer, subject);
        if (known.isPresent()) {
            return known.get();
        }
        if (preferredUsername == null || !USERNAME.matcher(preferredUsername).matches()) {
            throw new IllegalArgumentException("the IdP's user name claim is missing or not a valid user name");
        }
        if (users.findByUsername(preferredUsername).isPresent()) {
            throw new UserAlreadyExistsException(preferredUsername);
        }
        // the user cannot fix what the IdP sends: cleaned, not refused
        String cleaned = displayName == null ? "" : DisplayNames.neutralise(displayName, 200);
        String shown = cleaned.isBlank() ? preferredUsername : cleaned;
        User user = users.save(new User(null, preferredUsername, shown,
                null, subject, issuer, false, true, clock.instant()));
        audit.record(new AuditLog.Entry(new Actor(preferredUsername, dev.runplane.base.Source.UI), null, null, null,
                "USER_CREATED", null, "user=" + preferredUsername + " sso=true", "first SSO login"));
        return user;
    }

    /** SSO users made before identities had an issuer (changelog 011). */
    @Transactional(readOnly = true)
    public long countSsoUsersWithoutIssuer() {
        return users.findAll().stream().filter(u -> u.oidcSubject() != null && u.oidcIssuer() == null).count();
    }

    /** Gives every SSO user without an issuer this one; returns how many. */
    @Transactional
    public int assignSsoIssuer(String issuer) {
        int n = 0;
        for (User u : users.findAll()) {
            if (u.oidcSubject() != null && u.oidcIssuer() == null) {
                users.save(new User(u.id(), u.username(), u.displayName(), u.passwordHash(), u.oidcSubject(), issuer,
                        u.globalAdmin(), u.enabled(), u.createdAt()));
                n++;
            }
        }
        return n;
    }

    private void requireGlobalAdmin(Actor actor) {
        boolean admin = users.findByUsername(actor.username()).map(u -> u.globalAdmin() && u.enabled()).orElse(false);
        if (!admin) {
            throw new AccessDeniedException("only global administrators manage users");
        }
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
