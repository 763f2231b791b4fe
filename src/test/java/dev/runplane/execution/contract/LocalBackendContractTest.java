package dev.runplane.execution.contract;

import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.local.LocalBackend;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendContractTest extends BackendContract {
    @TempDir
    Path root;
    private LocalBackend backend;

    @Override
    protected ExecutionBackend backend() {
        if (backend == null) {
            backend = new LocalBackend(root, Clock.systemUTC());
        }
        return backend;
    }

    @Override
    protected java.util.Optional<dev.runplane.execution.BackendHandle> goneHandle() {
        return java.util.Optional.of(new dev.runplane.execution.BackendHandle("local:4194000:12345:" + root
                .resolve("never-launched")));
    }
}
