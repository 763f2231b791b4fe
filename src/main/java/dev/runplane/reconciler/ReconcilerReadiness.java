package dev.runplane.reconciler;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code reconciler}, part of the readiness group: OUT_OF_SERVICE until the
 * reconciler's first pass after start-up has re-adopted this node's replicas, so that "ready" also means "what the
 * API and the portal show is what runs" (issue 14: re-adoption before ready).
 */
@Component("reconciler")
class ReconcilerReadiness implements HealthIndicator {
    private final ReconcileLoop loop;

    ReconcilerReadiness(ReconcileLoop loop) {
        this.loop = loop;
    }

    @Override
    public Health health() {
        return loop.firstPassDone() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "re-adopting replicas after start-up").build();
    }
}
