package dev.runplane.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DataDiskGuardTest {
    private final AtomicLong free = new AtomicLong(10_000_000_000L);
    private final DataDiskGuard guard = new DataDiskGuard(free::get, 256_000_000L);

    @Test
    void newRunsAreRefusedWhileTheDiskIsAlmostFullAndAcceptedWhenSpaceReturns() {
        guard.requireSpaceForNewRuns();

        free.set(100_000_000L);
        assertThatThrownBy(guard::requireSpaceForNewRuns)
                .isInstanceOf(InsufficientStorageException.class)
                .hasMessageContaining("almost full").hasMessageContaining("running replicas are not affected");
        assertThat(guard.isLow()).isTrue();

        free.set(1_000_000_000L);
        guard.requireSpaceForNewRuns();
        assertThat(guard.isLow()).isFalse();
    }

    @Test
    void anUnreadableDiskDoesNotBlockRuns() {
        free.set(-1);
        guard.requireSpaceForNewRuns();
        assertThat(guard.isLow()).isFalse();
    }
}
