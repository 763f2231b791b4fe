package dev.runplane.execution.slurm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting for the one place a shell reads Runplane's commands: the login node's shell that runs an SSH exec
 * request. Every argument is single-quoted, so nothing in it is expanded or split.
 */
final class Shell {
    private Shell() {
    }

    static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    static String line(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
