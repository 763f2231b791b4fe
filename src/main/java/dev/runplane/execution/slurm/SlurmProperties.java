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
        @DefaultValue("30s") Duration commandTimeout) {

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
