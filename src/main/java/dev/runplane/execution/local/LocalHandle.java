package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a local replica's {@link BackendHandle} encodes: {@code local:<pid>:<starttime>:<dir>}.
 * <p>
 * The pid alone is not an identity (pids are recycled, on small machines within hours), so the process start
 * time from {@code /proc/<pid>/stat} travels with it; a pid whose start time differs is someone else's process.
 * A start time of 0 means the wrapper had already ended before it could be read; no live process matches it.
 * The directory comes last because it may itself contain colons.
 */
record LocalHandle(long pid, long startTime, Path dir) {

    private static final String PREFIX = "local:";

    BackendHandle toBackendHandle() {
        return new BackendHandle(PREFIX + pid + ":" + startTime + ":" + dir);
    }

    /** Empty for anything this backend did not write, so a foreign or damaged handle is simply "not there". */
    static Optional<LocalHandle> parse(BackendHandle handle) {
        String value = handle.value();
        if (!value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = value.substring(PREFIX.length()).split(":", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(parts[0]);
            long startTime = Long.parseLong(parts[1]);
            Path dir = Path.of(parts[2]);
            if (pid <= 1 || startTime < 0 || !dir.isAbsolute() || !dir.normalize().equals(dir)) {
                return Optional.empty();
            }
            return Optional.of(new LocalHandle(pid, startTime, dir));
        } catch (NumberFormatException | InvalidPathException e) {
            return Optional.empty();
        }
    }
}
