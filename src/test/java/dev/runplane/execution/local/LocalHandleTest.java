package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalHandleTest {

    @Test
    void roundTripsEvenWithColonsInTheDirectory() {
        LocalHandle handle = new LocalHandle(4242, 987654, Path.of("/data/a:b/replicas/17"));

        BackendHandle persisted = handle.toBackendHandle();

        assertThat(persisted.value()).isEqualTo("local:4242:987654:/data/a:b/replicas/17");
        assertThat(LocalHandle.parse(persisted)).contains(handle);
    }

    @Test
    void anythingElseDoesNotParse() {
        for (String value : new String[] {"slurm:1", "local:", "local:x:1:/d", "local:12:-1:/d", "local:12:1:rel",
                "local:12:1:/d/../etc", "local:1:1:/d", "local:12:1"}) {
            assertThat(LocalHandle.parse(new BackendHandle(value))).as(value).isEmpty();
        }
    }
}
