package dev.runplane.execution.slurm;

import dev.runplane.execution.BackendHandle;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a Slurm replica's {@link BackendHandle} encodes: {@code slurm:<job id>:<job directory>}. The job id is all a
 * restarted server needs to re-adopt the job; the directory (on the shared filesystem) holds its output and the
 * wrapper's record of how it ended. The directory comes last because it may contain colons.
 */
record SlurmHandle(long jobId, Path dir) {
    private static final String PREFIX = "slurm:";

    BackendHandle toBackendHandle() {
        return new BackendHandle(template(dir, Long.toString(jobId)));
    }

    /** The handle's text with {@code jobId} in place of the job id, for a script that learns the id itself. */
    static String template(Path dir, String jobId) {
        return PREFIX + jobId + ":" + dir;
    }

    static Optional<SlurmHandle> parse(BackendHandle handle) {
        String value = handle.value();
        if (!value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = value.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            long jobId = Long.parseLong(parts[0]);
            Path dir = Path.of(parts[1]);
            if (jobId <= 0 || !dir.isAbsolute() || !dir.normalize().equals(dir)) {
                return Optional.empty();
            }
            return Optional.of(new SlurmHandle(jobId, dir));
        } catch (NumberFormatException | InvalidPathException e) {
            return Optional.empty();
        }
    }
}
