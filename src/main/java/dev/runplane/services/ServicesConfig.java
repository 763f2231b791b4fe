package dev.runplane.services;

import dev.runplane.base.RunplaneProperties;
import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.execution.StopSignal;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.replicas.ReplicaQueries;
import dev.runplane.replicas.ReplicaReadiness;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the services endpoint ({@code runplane.services.*}); off with {@code runplane.services.enabled=false}. */
@Configuration
class ServicesConfig {

    @Bean
    OpenTickets openTickets(Clock clock) {
        return new OpenTickets(clock);
    }

    @Bean
    @ConditionalOnProperty(name = "runplane.services.enabled", havingValue = "true", matchIfMissing = true)
    ServicesEndpoint servicesEndpoint(RunplaneProperties properties, ReplicaQueries replicas,
                                      ReplicaReadiness readiness, ApiTokenService tokens, ProjectAccess projects,
                                      ServiceTokens serviceTokens, OpenTickets tickets, BackendRegistry backends,
                                      Clock clock) {
        ServiceRoutes routes = new ServiceRoutes();
        // a replica that fails its probes after being ready gets TERM: it ends, and the retry policy replaces it
        ReadinessProber prober = new ReadinessProber(readiness, routes, clock,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("services-probe-", 0).factory()),
                submissionId -> replicas.liveHandle(submissionId).ifPresent(live -> backends.find(live.backend())
                        .ifPresent(backend -> backend.signal(new BackendHandle(live.handle()), StopSignal.TERM))));
        ServiceAccess access = new ServiceAccess(tokens, projects, serviceTokens, clock);
        serviceTokens.onRevoke(access::forgetAll);
        ServiceGate gate = new ServiceGate(access, tickets, properties.services().openCookieTtl());
        return new ServicesEndpoint(properties.services().port(), properties.services().refreshInterval(), routes,
                gate, new ServiceRefresher(replicas, routes, prober));
    }
}
