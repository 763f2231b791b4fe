package dev.runplane.execution;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The execution backends this node has, by the name a spec uses ({@code backend: local}). */
@Component
public class BackendRegistry {
    private final Map<String, ExecutionBackend> backends;

    BackendRegistry(List<ExecutionBackend> backends) {
        this.backends = backends.stream().collect(Collectors.toUnmodifiableMap(ExecutionBackend::name,
                Function.identity()));
    }

    public Optional<ExecutionBackend> find(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    public Collection<ExecutionBackend> all() {
        return backends.values();
    }

    public Set<String> names() {
        return backends.keySet();
    }
}
