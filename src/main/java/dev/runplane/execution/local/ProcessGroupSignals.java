package dev.runplane.execution.local;

import dev.runplane.execution.StopSignal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal to a replica's whole tree: its process group at once through {@code kill -- -<pgid>} (the JDK
 * has no call for process groups, and signalling the group in one system call also reaches children forked while
 * we look), then any process of the session that moved to a process group of its own.
 * <p>
 * Callers check first that the session leader is still the replica's (pid and start time); a process group id
 * cannot be reused while its leader's pid is taken, so the group then belongs to the replica.
 */
final class ProcessGroupSignals {

    private static final List<Path> KILL_CANDIDATES = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));

    private ProcessGroupSignals() {
    }

    static void send(long leaderPid, StopSignal signal) {
        boolean groupSignalled = KILL_CANDIDATES.stream().filter(Files::isExecutable).findFirst()
                .map(kill -> killGroup(kill, leaderPid, signal))
                .orElse(false);
        for (ProcStat member : ProcStat.inSession(leaderPid)) {
            if (!groupSignalled || member.processGroup() != leaderPid) {
                // ProcessHandle checks the process start time itself, so a pid recycled since the scan is spared.
                ProcessHandle.of(member.pid()).ifPresent(process -> {
                    if (signal == StopSignal.KILL) {
                        process.destroyForcibly();
                    } else {
                        process.destroy();
                    }
                });
            }
        }
    }

    /** False when the group could not be signalled through {@code kill}, so the caller signals one by one. */
    private static boolean killGroup(Path kill, long pgid, StopSignal signal) {
        try {
            Process process = new ProcessBuilder(kill.toString(), "-s", signal.name(), "--", "-" + pgid)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            // Non-zero also when the group is already empty; the sweep that follows costs nothing then.
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
