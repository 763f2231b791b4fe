package dev.runplane.base;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code dataDisk}: DOWN while the data disk is below its minimum free space.
 * Deliberately not part of the liveness or readiness groups: the server keeps serving reads and running replicas.
 */
@Component("dataDisk")
class DataDiskHealth implements HealthIndicator {
    private final DataDiskGuard guard;

    DataDiskHealth(DataDiskGuard guard) {
        this.guard = guard;
    }

    @Override
    public Health health() {
        long free = guard.check();
        Health.Builder builder = guard.isLow() ? Health.down() : Health.up();
        return builder.withDetail("freeBytes", free).withDetail("minimumFreeBytes", guard.minimumFree()).build();
    }
}
