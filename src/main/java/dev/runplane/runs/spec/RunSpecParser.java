package dev.runplane.runs.spec;

/**
 * Parses and validates run specs (YAML; JSON is accepted as a subset). Stateless and thread-safe.
 * (Skeleton: the implementation is being written.)
 */
public final class RunSpecParser {

    /** @throws RunSpecException listing every invalid field */
    public RunSpec parse(String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
