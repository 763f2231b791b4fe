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

/** Wires the Slurm backend when {@code runplane.slurm.enabled=true}. */
@Configuration
@EnableConfigurationProperties(SlurmProperties.class)
class SlurmBackendConfig {
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "runplane.slurm.enabled", havingValue = "true")
    ExecutionBackend slurmBackend(SlurmProperties slurm, RunplaneProperties properties, Environment environment,
                                  Clock clock) {
        Path jobRoot = slurm.jobDir() != null ? slurm.jobDir()
                : properties.dataDir().toAbsolutePath().resolve("slurm-jobs");
        Map<String, SlurmBackend.Price> prices = Binder.get(environment)
                .bind("runplane.billing.prices.slurm", Bindable.mapOf(String.class, SlurmBackend.Price.class))
                .orElse(Map.of());
        return new SlurmBackend(slurm, jobRoot, prices, clock);
    }
}
