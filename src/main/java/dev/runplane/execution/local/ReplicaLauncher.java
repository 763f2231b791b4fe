package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.LaunchFailedException;
import dev.runplane.execution.LaunchRequest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares a replica directory and starts its wrapper as the leader of a new session.
 * <p>
 * {@code setsid} without {@code --fork} execs in place (a process started by the JVM is never a process group
 * leader, the one case in which setsid forks), so the pid the JVM sees is the session and process-group id of the
 * whole replica. The wrapper gets a fixed, clean environment; the spec's environment only ever reaches the
 * replica's commands through {@code commands.sh}. Output goes to files, so nothing ties the replica to this JVM.
 */
final class ReplicaLauncher {

    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";
    static final String EXIT_CODE = "exit_code";
    /** The handle, so that launching the same submission again returns it instead of starting a second copy. */
    static final String HANDLE = "handle";
    /** A service replica's port, handed out at its first launch; a repeated launch keeps it. */
    static final String PORT = "port";
    /** For people looking through the data directory; the server never reads it. */
    static final String LAUNCHED_AT = "launched_at";

    private static final List<Path> SETSID_CANDIDATES = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final String WRAPPER_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Path replicasRoot;
    private final Clock clock;
    private final PortAllocator ports;

    ReplicaLauncher(Path replicasRoot, Clock clock, PortAllocator ports) {
        this.replicasRoot = replicasRoot.toAbsolutePath().normalize();
        this.clock = clock;
        this.ports = ports;
    }

    /** The port a service replica was handed, from its directory; empty for a task. */
    static Optional<Integer> port(Path dir) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(dir.resolve(PORT)).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    LocalHandle launch(LaunchRequest request) {
        if (request.submissionId() < 0) {
            throw new LaunchFailedException("invalid submission id " + request.submissionId());
        }
        Path dir = replicasRoot.resolve(Long.toString(request.submissionId()));
        try {
            Optional<LocalHandle> earlier = earlierLaunch(dir);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            prepareDirectory(dir);
            String commands = ReplicaScript.commandsText(dir, withPort(dir, request));
            ReplicaScript.write(dir, commands);
            Files.writeString(dir.resolve(LAUNCHED_AT), clock.instant() + "\n");
        } catch (CharacterCodingException e) {
            throw new LaunchFailedException("the run spec contains text that is not valid Unicode", e);
        } catch (IOException e) {
            throw new LaunchFailedException("could not prepare the replica's directory on this machine", e);
        }
        Process process = start(dir);
        // If the wrapper is already over (a replica that ends at once), its start time is lost with it; 0 never
        // matches a live process, and observe() finds the recorded exit code first anyway.
        long startTime = ProcStat.read(process.pid()).map(ProcStat::startTime).orElse(0L);
        LocalHandle handle = new LocalHandle(process.pid(), startTime, dir);
        try {
            Path tmp = dir.resolve(HANDLE + ".tmp");
            Files.writeString(tmp, handle.toBackendHandle().value());
            Files.move(tmp, dir.resolve(HANDLE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The replica runs and the caller gets its handle; only a repeated launch would miss it.
        }
        return handle;
    }

    /*
     * A service gets PORT from this host's range (replacing the spec's port + replica, which two submissions of one
     * slot would share). The port is written before the replica starts, so a launch repeated after a crash finds
     * and keeps it.
     */
    private LaunchRequest withPort(Path dir, LaunchRequest request) throws IOException {
        if (!request.service()) {
            return request;
        }
        Optional<Integer> earlier = port(dir);
        int port;
        if (earlier.isPresent()) {
            port = earlier.get();
        } else {
            port = ports.next().orElseThrow(() -> new LaunchFailedException(
                    "no free port left in runplane.local.ports on this machine"));
            Files.writeString(dir.resolve(PORT), port + "\n");
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(request.environment());
        env.put("PORT", Integer.toString(port));
        return request.withEnvironment(env);
    }

    private Optional<LocalHandle> earlierLaunch(Path dir) throws IOException {
        try {
            return LocalHandle.parse(new BackendHandle(Files.readString(dir.resolve(HANDLE)).trim()));
        } catch (NoSuchFileException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // Owner-only: the directory holds the replica's environment and output. Leftovers of a launch that died before
    // starting its process are cleared so a stale exit code cannot be mistaken for this run's.
    private static void prepareDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(dir.resolve(EXIT_CODE));
        Files.deleteIfExists(dir.resolve(EXIT_CODE + ".tmp"));
    }

    private static Process start(Path dir) {
        Path setsid = SETSID_CANDIDATES.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new LaunchFailedException("this machine has no 'setsid' command (util-linux)"));
        ProcessBuilder builder = new ProcessBuilder(setsid.toString(), "/bin/sh", dir.resolve(ReplicaScript.WRAPPER)
                .toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(STDOUT).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(STDERR).toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", WRAPPER_PATH);
        env.put("HOME", System.getProperty("user.home", "/"));
        env.put("LANG", "C.UTF-8");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchFailedException("could not start the replica's process on this machine", e);
        }
    }
}
