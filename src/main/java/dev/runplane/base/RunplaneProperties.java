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
        @DefaultValue Ui ui,
        @DefaultValue Runs runs,
        @DefaultValue Reconciler reconciler,
        @DefaultValue Local local,
        @DefaultValue Services services) {

    /**
     * @param port            the services endpoint's own listener (never the portal's origin); 0 picks a free port
     * @param enabled         false: no services endpoint on this node
     * @param refreshInterval how often the endpoint re-reads which replicas serve (probes change it at once)
     * @param openCookieTtl   how long the cookie of the run page's "Open" link lets a browser in
     * @param publicUrl       how browsers reach the endpoint (e.g. {@code https://services.example.com}); empty:
     *                        the portal's host name with {@link #port}
     */
    public record Services(@DefaultValue("8081") int port,
                           @DefaultValue("true") boolean enabled,
                           @DefaultValue("250ms") Duration refreshInterval,
                           @DefaultValue("10m") Duration openCookieTtl,
                           @DefaultValue("") String publicUrl) {
    }

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

    /** @param minPushInterval pushes to one view: a short burst, then one per interval (4 a second by default) */
    public record Ui(@DefaultValue("250ms") Duration minPushInterval) {
    }

    /**
     * @param maxReplicas        the largest desired replica count of one run
     * @param maxActiveRunsPerProject creating a run is refused (429) while a project has this many unfinished runs
     * @param createsPerMinute   per user; more creations in one minute are refused with 429
     */
    public record Runs(@DefaultValue("1000") int maxReplicas,
                       @DefaultValue("1000") int maxActiveRunsPerProject,
                       @DefaultValue("120") int createsPerMinute) {
    }

    /**
     * @param tick      the longest wait between two passes when nothing wakes the loop
     * @param lease     how long a node owns a run after claiming it; another node takes over when it expires
     * @param batchSize how many runs one pass claims at most
     */
    public record Reconciler(@DefaultValue("500ms") Duration tick,
                             @DefaultValue("30s") Duration lease,
                             @DefaultValue("500") int batchSize,
                             @DefaultValue("true") boolean enabled) {
    }

    /**
     * @param maxReplicas            replicas this host runs at once; more wait as SUBMITTED
     * @param stopReplicasOnShutdown false (default): a normal shutdown leaves replicas running, to be re-adopted
     * @param ports                  the range {@code first-last} a service replica's {@code PORT} is drawn from
     */
    public record Local(@DefaultValue("64") int maxReplicas,
                        @DefaultValue("false") boolean stopReplicasOnShutdown,
                        @DefaultValue("20000-29999") String ports) {
    }
}
