package dev.runplane.execution.slurm;

import dev.runplane.base.RunplaneProperties;
import dev.runplane.execution.ExecutionBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the Slurm backend when {@code runplane.slurm.enabled=true}; {@code mode=ssh} needs its settings. */
@Configuration
@EnableConfigurationProperties(SlurmProperties.class)
class SlurmBackendConfig {
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "runplane.slurm.enabled", havingValue = "true")
    ExecutionBackend slurmBackend(SlurmProperties slurm, RunplaneProperties properties, Environment environment,
                                  Clock clock) {
        if (slurm.mode() == SlurmProperties.Mode.SSH) {
            String missing = slurm.ssh().missing();
            if (missing != null) {
                throw new IllegalStateException("runplane.slurm.mode=ssh needs " + missing);
            }
            if (slurm.jobDir() == null || !slurm.jobDir().isAbsolute()) {
                // this server's data directory means nothing on the cluster
                throw new IllegalStateException("runplane.slurm.mode=ssh needs runplane.slurm.job-dir: an absolute "
                        + "path on the cluster's shared filesystem");
            }
        }
        Path jobRoot = slurm.jobDir() != null ? slurm.jobDir()
                : properties.dataDir().toAbsolutePath().resolve("slurm-jobs");
        Map<String, SlurmBackend.Price> prices = Binder.get(environment)
                .bind("runplane.billing.prices.slurm", Bindable.mapOf(String.class, SlurmBackend.Price.class))
                .orElse(Map.of());
        return new SlurmBackend(slurm, jobRoot, prices, clock);
    }
}
