package dev.runplane.execution.slurm;

import dev.runplane.execution.LogChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The jobs' directories through this server's own view of the shared filesystem: read when asked, nothing cached. */
final class LocalJobFiles implements JobFiles {

    @Override
    public Optional<Markers> markers(Path dir) {
        return Optional.of(new Markers(Files.exists(dir.resolve(SlurmSubmitter.STARTED)),
                read(dir.resolve(SlurmSubmitter.EXIT)).flatMap(WrapperRecord::parse),
                Markers.port(read(dir.resolve(SlurmSubmitter.PORT)).orElse(null))));
    }

    @Override
    public void refresh(Collection<Path> dirs) {
        // read when asked: local files cost less than remembering them
    }

    // The directory holds the environment (maybe secrets): owner-only, owned by the user the job runs as.
    @Override
    public void prepare(Path dir, String commandsText, String wrapperText, Integer port, int uid, int gid)
            throws IOException {
        Files.createDirectories(dir.getParent());
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(dir.resolve(SlurmSubmitter.EXIT));
        Files.deleteIfExists(dir.resolve(SlurmSubmitter.STARTED));
        write(dir, SlurmSubmitter.COMMANDS, commandsText, "rw-------");
        write(dir, SlurmSubmitter.WRAPPER, wrapperText, "rwx------");
        if (port != null) {
            write(dir, SlurmSubmitter.PORT, port + "\n", "rw-------");
        } else {
            Files.deleteIfExists(dir.resolve(SlurmSubmitter.PORT));
        }
        if (uid >= 0) {
            for (Path p : List.of(dir, dir.resolve(SlurmSubmitter.COMMANDS), dir.resolve(SlurmSubmitter.WRAPPER))) {
                Files.setAttribute(p, "unix:uid", uid);
                Files.setAttribute(p, "unix:gid", gid);
            }
        }
    }

    private static void write(Path dir, String name, String text, String mode) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isDirectory(Path dir) {
        return Files.isDirectory(dir);
    }

    @Override
    public void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // best effort (see the interface)
        }
    }

    @Override
    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort; the next forget tries again
        }
    }

    @Override
    public LogChunk readLog(Path file, long from, int maxBytes) {
        return LogChunk.readFile(file, from, maxBytes);
    }
}
