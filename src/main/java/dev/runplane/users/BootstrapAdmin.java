package dev.runplane.users;

import dev.runplane.base.RunplaneProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes sure the bootstrap administrator exists. There is never a fixed default password: either the operator
 * sets {@code RUNPLANE_ADMIN_PASSWORD} (applied at every start, never printed) or a random one is generated on
 * first start and printed exactly once ({@link SignInBanner}).
 *
 * <p>Runs as a lifecycle step just before the web server opens its port, so that no request — not the login page,
 * not the readiness probe — is answered before the administrator can sign in.
 */
@Component
class BootstrapAdmin implements SmartLifecycle {
    /** Spring Boot's web server opens its port at phase {@code Integer.MAX_VALUE - 2048}: this runs well before. */
    static final int PHASE = Integer.MAX_VALUE - 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What start-up did with the administrator, for the sign-in banner. */
    sealed interface Outcome {
        String username();
    }

    record Generated(String username, String password) implements Outcome {
    }

    record FromSetting(String username) implements Outcome {
    }

    record Existing(String username) implements Outcome {
    }

    private final UserService userService;
    private final RunplaneProperties properties;
    private final ApplicationEventPublisher events;
    private volatile Outcome outcome;

    BootstrapAdmin(UserService userService, RunplaneProperties properties, ApplicationEventPublisher events) {
        this.userService = userService;
        this.properties = properties;
        this.events = events;
    }

    @Override
    public void start() {
        outcome = ensureAdmin();
        events.publishEvent(new AdminReady(outcome.username()));
    }

    private Outcome ensureAdmin() {
        RunplaneProperties.Admin admin = properties.admin();
        var existing = userService.findByUsername(admin.username());
        if (existing.isPresent()) {
            if (admin.hasPassword()) {
                userService.setPassword(existing.get(), admin.password());
                return new FromSetting(existing.get().username());
            }
            return new Existing(existing.get().username());
        }
        if (admin.hasPassword()) {
            return new FromSetting(userService.createLocalUser(admin.username(), admin.password(), true).username());
        }
        String password = generatePassword();
        return new Generated(userService.createLocalUser(admin.username(), password, true).username(), password);
    }

    /** Set once {@link #start()} has run; {@code null} before. */
    Outcome outcome() {
        return outcome;
    }

    @Override
    public void stop() {
        // nothing to undo; the next start checks again
    }

    @Override
    public boolean isRunning() {
        return outcome != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
