package dev.runplane.execution.local;

import dev.runplane.base.RunplaneProperties;
import dev.runplane.execution.ExecutionBackend;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the local backend: replicas live under {@code <data dir>/replicas/<submission id>/}. */
@Configuration
class LocalBackendConfig {
    @Bean
    ExecutionBackend localBackend(RunplaneProperties properties, Clock clock) {
        return new LocalBackend(properties.dataDir().toAbsolutePath().resolve("replicas"), clock,
                properties.local().maxReplicas(), properties.local().ports());
    }
}
