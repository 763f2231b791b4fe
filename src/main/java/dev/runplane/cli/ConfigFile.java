package dev.runplane.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code ~/.runplane/config.yml}: three plain keys ({@code url}, {@code token}, {@code project}). It holds a bearer
 * secret, so it is created readable by its owner only (0600, in a 0700 directory) and replaced atomically, never
 * written in place where another user could read a half-written copy.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static Path path(Path home) {
        return home.resolve(".runplane").resolve("config.yml");
    }

    static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            JsonNode root = Json.YAML.readTree(Files.readString(file));
            if (root != null && root.isObject()) {
                root.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        values.put(e.getKey(), e.getValue().asString());
                    }
                });
            } else if (root != null && !root.isMissingNode() && !root.isNull()) {
                throw new CliException(ExitCodes.ERROR, file + " must be a YAML map of url, token and project");
            }
            return values;
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.ERROR, file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    static void write(Path file, Map<String, String> values) {
        try {
            Path dir = file.getParent();
            createPrivateDirectory(dir);
            Path temp = dir.resolve(".config.yml." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temp);
            createPrivateFile(temp);
            Files.writeString(temp, Json.YAML.writeValueAsString(values));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    // the permissions are set at creation, so the secret is never readable by others, not even for a moment
    private static void createPrivateFile(Path file) throws IOException {
        try {
            var ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.setPosixFilePermissions(file, ownerOnly); // whatever the umask
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a temporary file is in the way: " + file, e);
        }
    }
}
