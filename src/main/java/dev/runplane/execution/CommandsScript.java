package dev.runplane.execution;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The text of a replica's {@code commands.sh} for backends that hand a shell script to some machine (Slurm): the
 * user's environment, exported inside single quotes (the one shell quoting in which nothing is special, so
 * {@code $(id)}, backticks, newlines reach the replica byte-for-byte), then the commands. The variables are set
 * only inside this script, never on the wrapper that runs it, so {@code LD_PRELOAD} in a spec cannot touch it.
 */
public final class CommandsScript {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private CommandsScript() {
    }

    /** @param defaultDir where the commands run when the spec names no working directory */
    public static String text(Path defaultDir, LaunchRequest request) {
        return text(defaultDir, request, "the wrapper");
    }

    /** @param runBy what runs the script, named in its first line (e.g. the local backend's {@code wrapper.sh}) */
    public static String text(Path defaultDir, LaunchRequest request, String runBy) {
        if (request.commands().isEmpty()) {
            throw new LaunchFailedException("the run spec has no commands to run");
        }
        StringBuilder script = new StringBuilder("# Runplane replica commands, run by " + runBy + "\n");
        // Sorted so that the same request always yields the same script.
        for (Map.Entry<String, String> env : new TreeMap<>(request.environment()).entrySet()) {
            if (!ENV_NAME.matcher(env.getKey()).matches()) {
                throw new LaunchFailedException("environment variable name '" + env.getKey()
                        + "' is not allowed: use letters, digits and '_', not starting with a digit");
            }
            script.append("export ").append(env.getKey()).append('=')
                    .append(quote(env.getValue(), "environment variable " + env.getKey())).append('\n');
        }
        script.append("set -e\n");
        String workingDir = request.workingDir() == null || request.workingDir().isBlank()
                ? defaultDir.toString() : request.workingDir();
        // The wrapper starts in the replica's directory, so a relative working directory is relative to it.
        script.append("cd -- ").append(quote(workingDir, "the working directory")).append('\n');
        for (String command : request.commands()) {
            rejectNul(command, "a command");
            script.append(command).append('\n');
        }
        return script.toString();
    }

    /** Single-quotes a value for sh: inside single quotes nothing is special except the closing quote itself. */
    public static String quote(String value, String what) {
        rejectNul(value, what);
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static void rejectNul(String value, String what) {
        if (value.indexOf('\0') >= 0) {
            throw new LaunchFailedException(what + " contains a NUL character, which cannot be passed to a process");
        }
    }
}
