package dev.runplane.reconciler;

import dev.runplane.runs.spec.RunSpec;
import dev.runplane.runs.spec.RunSpecParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Parsed specs by run and spec version, so a pass over many runs does not parse YAML again and again. */
@Component
class SpecCache {
    private record Entry(int version, RunSpec spec) {
    }

    private final RunSpecParser parser = new RunSpecParser();
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    RunSpec get(long runId, int version, String text) {
        Entry entry = cache.get(runId);
        if (entry == null || entry.version() != version) {
            entry = new Entry(version, parser.parse(text));
            cache.put(runId, entry);
        }
        return entry.spec();
    }

    void evict(long runId) {
        cache.remove(runId);
    }
}
