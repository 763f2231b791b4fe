package dev.runplane.cli;

import picocli.CommandLine.Option;

/** {@code --json}, mixed into the commands that print something a script may want to parse. */
final class JsonOption {
    @Option(names = "--json", description = "Print the API's JSON for scripts instead of a table.")
    boolean json;
}
