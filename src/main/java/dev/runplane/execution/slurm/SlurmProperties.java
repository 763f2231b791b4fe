package dev.runplane.execution.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Slurm backend's settings ({@code runplane.slurm.*}; in the README's configuration table).
 *
 * @param enabled            false (default): no Slurm backend; specs with {@code backend: slurm} fail to start
 * @param jobDir             where each job's directory (scripts, output, exit code) lives; must be on the cluster's
 *                           shared filesystem, seen at the same path by this server and every compute node;
 *                           default {@code <data dir>/slurm-jobs}
 * @param defaultPartition   the partition for specs that name none; empty: Slurm's own default partition
 * @param pollInterval       how often one {@code squeue} (and one {@code sstat}) observes all of Runplane's jobs
 * @param launchPollInterval the poll interval while a freshly launched job waits to start
 * @param users              the Unix user each project's jobs run as (project name → user name)
 * @param defaultUser        the Unix user for projects not in {@code users}; empty: none
 * @param allowRoot          false (default): Runplane running as root never submits a job as root
 * @param commandTimeout     the longest any one Slurm command may take before it is given up
 * @param mode               {@code local} (default): the client commands run on this machine (a login node);
 *                           {@code ssh}: on a login node reached over SSH ({@code ssh.*})
 * @param ssh                the login node for {@code mode=ssh}
 */
@ConfigurationProperties("runplane.slurm")
public record SlurmProperties(
        @DefaultValue("false") boolean enabled,
        Path jobDir,
        String defaultPartition,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100ms") Duration launchPollInterval,
        Map<String, String> users,
        String defaultUser,
        @DefaultValue("false") boolean allowRoot,
        @DefaultValue("30s") Duration commandTimeout,
        @DefaultValue("local") Mode mode,
        @DefaultValue Ssh ssh) {

    public enum Mode { LOCAL, SSH }

    /**
     * The login node Runplane reaches over SSH ({@code runplane.slurm.ssh.*}). One SSH user submits every
     * project's jobs; {@code users} then name the Unix users on the cluster (the SSH user must be root for jobs to
     * run as another user, as locally).
     *
     * @param host            the login node
     * @param port            its SSH port
     * @param user            the SSH user
     * @param privateKey      the private key file (OpenSSH or PEM; ed25519, ECDSA, RSA), without a passphrase
     * @param knownHosts      the {@code known_hosts} file that must list the login node's host key; an unknown or
     *                        changed key is refused; default {@code ~/.ssh/known_hosts} of the user Runplane runs as
     * @param jobDirVisible   false (default): Runplane does not see the cluster's shared filesystem, and the job
     *                        directories (scripts, logs, records) are read and written over SSH; true: job-dir is
     *                        mounted here at the same path, and only the commands go over SSH
     * @param maxBackoff      the longest wait between two attempts to make a lost connection again
     */
    public record Ssh(String host, @DefaultValue("22") int port, String user, Path privateKey,
                      Path knownHosts,
                      @DefaultValue("false") boolean jobDirVisible,
                      @DefaultValue("10s") Duration maxBackoff) {
        public Ssh {
            if (knownHosts == null) {
                knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
            }
        }

        /** What is missing for {@code mode=ssh}, or null when nothing is. */
        String missing() {
            if (host == null || host.isBlank()) {
                return "runplane.slurm.ssh.host";
            }
            if (user == null || user.isBlank()) {
                return "runplane.slurm.ssh.user";
            }
            return privateKey == null ? "runplane.slurm.ssh.private-key" : null;
        }
    }

    public SlurmProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /** The user a project's jobs run as, or null when none is configured. */
    String userFor(String project) {
        String user = users.get(project);
        if (user == null || user.isBlank()) {
            user = defaultUser;
        }
        return user == null || user.isBlank() ? null : user;
    }
}
