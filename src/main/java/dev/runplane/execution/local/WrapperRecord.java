package dev.runplane.execution.local;

import dev.runplane.execution.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the wrapper's {@code exit_code} file: {@code "<exit code> <end, epoch ms>"} (see {@link ReplicaScript}).
 * A file with the code alone (written by a wrapper from before end times, or where {@code date} has no
 * milliseconds) is dated by its modification time, which is when the wrapper wrote it, right after the end.
 */
final class WrapperRecord {

    private WrapperRecord() {
    }

    /** Empty while the replica has not ended (or ended without a record). */
    static Optional<Observation> read(Path dir) {
        Path file = dir.resolve(ReplicaLauncher.EXIT_CODE);
        try {
            String[] fields = Files.readString(file).trim().split("\\s+");
            int code = Integer.parseInt(fields[0]);
            return Optional.of(Observation.exited(code, endedAt(fields, file)));
        } catch (IOException | NumberFormatException e) {
            // Not written (yet): the wrapper renames a complete file into place, so a partial one is never seen.
            return Optional.empty();
        }
    }

    private static Instant endedAt(String[] fields, Path file) throws IOException {
        if (fields.length > 1) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(fields[1]));
            } catch (NumberFormatException e) {
                // date without %N support: fall through to the file's own time
            }
        }
        return Files.getLastModifiedTime(file).toInstant();
    }
}
