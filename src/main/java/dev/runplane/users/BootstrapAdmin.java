package dev.runplane.users;

import dev.runplane.base.RunplaneProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes sure the bootstrap administrator exists. There is never a fixed default password: either the operator
 * sets {@code RUNPLANE_ADMIN_PASSWORD} (applied at every start, never printed) or a random one is generated on
 * first start and printed exactly once.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserService userService;
    private final RunplaneProperties properties;
    private final Environment environment;
    private final ApplicationEventPublisher events;

    BootstrapAdmin(UserService userService, RunplaneProperties properties, Environment environment,
                   ApplicationEventPublisher events) {
        this.userService = userService;
        this.properties = properties;
        this.environment = environment;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        RunplaneProperties.Admin admin = properties.admin();
        var existing = userService.findByUsername(admin.username());
        if (existing.isPresent()) {
            if (admin.hasPassword()) {
                userService.setPassword(existing.get(), admin.password());
            }
            events.publishEvent(new AdminReady(existing.get().username()));
            return;
        }
        String password = admin.hasPassword() ? admin.password() : generatePassword();
        User created = userService.createLocalUser(admin.username(), password, true);
        events.publishEvent(new AdminReady(created.username()));
        if (!admin.hasPassword()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            log.warn("""

                    ================================================================
                      Runplane is ready: http://localhost:{}/
                      Sign in as '{}' with password: {}
                      This password is shown only once. Set RUNPLANE_ADMIN_PASSWORD
                      to choose your own.
                    ================================================================""",
                    port, created.username(), password);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
