package dev.runplane.execution.fake;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.execution.LogChunk;
import dev.runplane.execution.LogStream;
import dev.runplane.execution.Observation;
import dev.runplane.execution.ResourceSample;
import dev.runplane.execution.StopSignal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backend without processes, for measuring the reconciler itself: every launched replica runs until signalled,
 * and then exits at once (143 for TERM, 137 for KILL).
 */
public class FakeBackend implements ExecutionBackend {
    private final Map<String, Observation> replicas = new ConcurrentHashMap<>();
    private final String name;

    /** @param name the backend name specs use to pick it (it must be one the spec parser accepts) */
    public FakeBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BackendHandle launch(LaunchRequest request) {
        BackendHandle handle = new BackendHandle("fake:" + request.submissionId());
        replicas.put(handle.value(), Observation.running());
        return handle;
    }

    @Override
    public Map<BackendHandle, Observation> observe(Collection<BackendHandle> handles) {
        Map<BackendHandle, Observation> seen = new HashMap<>();
        for (BackendHandle handle : handles) {
            // a handle of its own it has no record of (a restarted test server) keeps running; a foreign one is gone
            seen.put(handle, replicas.getOrDefault(handle.value(), handle.value().startsWith("fake:")
                    ? Observation.running() : Observation.vanished()));
        }
        return seen;
    }

    @Override
    public void signal(BackendHandle handle, StopSignal signal) {
        replicas.put(handle.value(), Observation.exited(signal == StopSignal.KILL ? 137 : 143));
    }

    @Override
    public LogChunk readLog(BackendHandle handle, LogStream stream, long fromOffset, int maxBytes) {
        return new LogChunk(new byte[0], fromOffset);
    }

    @Override
    public Optional<ResourceSample> sample(BackendHandle handle) {
        return Optional.empty();
    }
}
