package dev.runplane.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who this node is: a random id kept in {@code <data dir>/node-id}, the same across restarts. Leases are taken in its
 * name, so a restarted server takes its own runs back at once instead of waiting for its earlier leases to expire.
 * <p>
 * That is only safe if no other process can be the same node, so the data directory is locked
 * ({@code <data dir>/node.lock}, an OS file lock held for the life of the process and released by the kernel when
 * the process dies, even by {@code kill -9}). A second process on the same data directory fails to start. Not the
 * host name: several nodes may share a host (tests do), each with its own data directory.
 * <p>
 * Several application contexts in one JVM (only tests do that) share the lock; every one after the first is a
 * node of its own ({@code <id>-2}, {@code <id>-3} …), as they were when every start drew a new owner name.
 */
public final class NodeIdentity {
    static final String ID_FILE = "node-id";
    static final String LOCK_FILE = "node.lock";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    /** Locks this JVM holds, by data directory: the OS lock belongs to the process, not to a context. */
    private static final Map<Path, HeldLock> HELD = new HashMap<>();

    private final String id;

    private NodeIdentity(String id) {
        this.id = id;
    }

    /** The id leases and launches are recorded under. */
    public String id() {
        return id;
    }

    /** Locks the data directory and reads (or on first start creates) the node id. */
    public static NodeIdentity of(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (HELD) {
            HeldLock held = HELD.get(dir);
            if (held == null) {
                held = new HeldLock(lock(dir), readOrCreateId(dir));
                HELD.put(dir, held);
            }
            held.users++;
            return new NodeIdentity(held.users == 1 ? held.id : held.id + "-" + held.users);
        }
    }

    private static FileLock lock(Path dir) {
        Path file = dir.resolve(LOCK_FILE);
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("The data directory " + dir + " is in use by another Runplane "
                        + "process" + (holder.isEmpty() ? "" : " (" + holder + ")") + ". Each server needs a data "
                        + "directory of its own: stop the other one, or set runplane.data-dir (RUNPLANE_DATA_DIR).");
            }
            // who holds it, for the message above; written only once the lock is ours
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the data directory " + dir, e);
        }
    }

    private static String readOrCreateId(Path dir) {
        Path file = dir.resolve(ID_FILE);
        try {
            String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!VALID_ID.matcher(existing).matches()) {
                throw new IllegalStateException(file + " does not hold a node id (letters, digits and '-', 8 to 64 "
                        + "of them); remove it to let this node draw a new one");
            }
            return existing;
        } catch (NoSuchFileException e) {
            String created = UUID.randomUUID().toString();
            try {
                Path tmp = dir.resolve(ID_FILE + ".tmp");
                Files.writeString(tmp, created + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException writeFailed) {
                throw new UncheckedIOException("could not write " + file, writeFailed);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** The lock is referenced here so it is never garbage-collected (which would release it). */
    private static final class HeldLock {
        final FileLock lock;
        final String id;
        int users;

        HeldLock(FileLock lock, String id) {
            this.lock = lock;
            this.id = id;
        }
    }
}
