package dev.runplane.execution.local;

import dev.runplane.execution.CommandsScript;
import dev.runplane.execution.LaunchRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the two scripts of a replica directory: {@code commands.sh} (the user's environment and commands) and
 * {@code wrapper.sh} (the same fixed text for every replica).
 * <p>
 * Environment values travel inside single quotes, the one shell quoting in which nothing is special, so
 * {@code $(id)}, backticks, {@code ;}, newlines or {@code ${jndi:...}} reach the replica byte-for-byte and are
 * never interpreted by the script that exports them. The variables are exported inside {@code commands.sh}, never
 * given to the wrapper's own process, so {@code LD_PRELOAD} or {@code BASH_ENV} in a spec cannot touch the wrapper.
 */
final class ReplicaScript {

    static final String COMMANDS = "commands.sh";
    static final String WRAPPER = "wrapper.sh";


    /*
     * TERM is caught rather than ignored: an ignored signal stays ignored in every child, so the replica could no
     * longer be stopped gracefully. Caught, it lets the wrapper outlive a TERM sent to the whole process group; the
     * shell runs the trap only after the foreground child has ended, so $? is the replica's real status (143 when
     * TERM ended it). The child runs in the foreground because a non-interactive shell starts background jobs with
     * SIGINT and SIGQUIT ignored. The record is "<exit code> <end, epoch milliseconds>", taken the moment the child
     * ended, so the end time is the replica's own even when no server watched (crashed, restarting, database away);
     * it is renamed into place so a reader never sees a half-written file. Where date cannot print milliseconds
     * (%N is GNU), the second field is not a number and the reader falls back to the file's modification time.
     * Once it is recorded, the replica is over: leftovers in its process group are killed (the wrapper with them),
     * as a container's processes die with its main one, so nothing keeps running unobserved.
     */
    private static final String WRAPPER_TEXT = """
            # Runplane replica wrapper: runs commands.sh and records "<exit status> <end epoch ms>" in exit_code.
            trap ':' TERM
            /bin/sh ./commands.sh
            code=$?
            printf '%s %s\\n' "$code" "$(date +%s%3N)" > exit_code.tmp && mv -f exit_code.tmp exit_code
            kill -KILL 0
            """;

    private ReplicaScript() {
    }

    /** Writes both scripts into {@code dir}; {@code commands} comes from {@link #commandsText}. */
    static void write(Path dir, String commands) throws IOException {
        writeAtomically(dir, COMMANDS, commands);
        writeAtomically(dir, WRAPPER, WRAPPER_TEXT);
    }

    /** The text of {@code commands.sh}; refuses a request that cannot be passed on faithfully. */
    static String commandsText(Path dir, LaunchRequest request) {
        return CommandsScript.text(dir, request, "wrapper.sh");
    }

    /** Single-quotes a value for sh (the one rule, in {@link CommandsScript#quote}). */
    static String quote(String value, String what) {
        return CommandsScript.quote(value, what);
    }

    // Owner-only: commands.sh holds the environment, which may carry secrets.
    private static void writeAtomically(Path dir, String name, String text) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
