package dev.runplane.runs;

import dev.runplane.replicas.ReplicaSlots.RetryPolicy;
import dev.runplane.runs.spec.RunSpec;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import dev.runplane.runs.spec.RunSpecParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retry policy of a run's spec, as the slot function wants it; parsed once per spec version, since a run page
 * or a script polling a run reads it again and again.
 */
public final class RetryPolicies {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(int specVersion, RetryPolicy policy) {
    }

    private final RunSpecParser parser = new RunSpecParser();
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    public RetryPolicy of(long runId, int specVersion, String specText) {
        Entry entry = cache.get(runId);
        if (entry == null || entry.specVersion() != specVersion) {
            if (cache.size() > MAX_ENTRIES) {
                cache.clear();
            }
            entry = new Entry(specVersion, of(parser.parse(specText).retry()));
            cache.put(runId, entry);
        }
        return entry.policy();
    }

    public static RetryPolicy of(RunSpec.Retry retry) {
        return new RetryPolicy(retry.on().contains(RetryOn.ERROR), retry.on().contains(RetryOn.LOST), retry.limit());
    }
}
