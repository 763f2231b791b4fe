package dev.runplane.execution.contract;

import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.fake.FakeBackend;

/** The fake backend keeps the promises that do not need processes. */
class FakeBackendContractTest extends BackendContract {
    private final FakeBackend backend = new FakeBackend("local");

    @Override
    protected ExecutionBackend backend() {
        return backend;
    }

    @Override
    protected boolean runsCommands() {
        return false;
    }
}
