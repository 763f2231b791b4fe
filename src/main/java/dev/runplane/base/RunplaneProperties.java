package dev.runplane.base;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Runplane's own settings ({@code runplane.*}); every one of them is listed in the README's configuration table.
 *
 * @param dataDir where the embedded database, replica directories and logs live
 * @param admin   the bootstrap administrator created on first start
 */
@ConfigurationProperties("runplane")
public record RunplaneProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Admin admin,
        @DefaultValue Ui ui) {

    /**
     * @param username user name of the bootstrap administrator
     * @param password when set, the administrator's password is set to it at every start and never printed; when
     *                 empty, a random one is generated on first start and printed once
     */
    public record Admin(@DefaultValue("admin") String username, String password) {
        public boolean hasPassword() {
            return password != null && !password.isBlank();
        }
    }

    /** @param minPushInterval the shortest time between two pushes to one view (at most 4 a second by default) */
    public record Ui(@DefaultValue("250ms") Duration minPushInterval) {
    }
}
