package dev.runplane.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code runplane}: the command-line client of the REST API, in the same jar as the server. The application's
 * {@code main} hands over when the first argument is a command ({@link #isCommand}), before anything of Spring or
 * Vaadin is touched; nothing in this package may depend on the server's code, only on its HTTP API.
 */
@Command(name = "runplane",
        description = {"Drive Runplane runs from a terminal or a script.",
                "Connects to RUNPLANE_URL with RUNPLANE_TOKEN (or ~/.runplane/config.yml, see 'runplane config')."},
        footer = {"", "Exit codes: 0 ok, 1 error, 2 usage, 3 not found, 4 conflict."},
        subcommands = {HelpCommand.class, ConfigCommand.class, ApplyCommand.class, PsCommand.class, GetCommand.class,
                ScaleCommand.class, StopCommand.class, RestartCommand.class, LogsCommand.class, StatsCommand.class,
                CostCommand.class, EventsCommand.class, DeleteCommand.class})
public final class RunplaneCli implements Callable<Integer> {
    private final Map<String, String> env;
    private final Path home;
    private final Clock clock;
    private final BooleanSupplier terminal;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param terminal asked only by watch modes, so other commands skip the console probe */
    RunplaneCli(Map<String, String> env, Path home, Clock clock, BooleanSupplier terminal) {
        this.env = env;
        this.home = home;
        this.clock = clock;
        this.terminal = terminal;
    }

    /**
     * A CLI command is a first argument that is not an option: {@code runplane.jar ps} is the CLI, while
     * {@code runplane.jar} and {@code runplane.jar --server.port=9090} start the server.
     */
    public static boolean isCommand(String[] args) {
        if (args == null || args.length == 0 || args[0].isEmpty()) {
            return false;
        }
        // a lone --help/-h asks for the CLI's help (never starts a server); other options configure the server
        boolean help = args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]));
        return help || !args[0].startsWith("-");
    }

    /** Runs one command against the real environment and returns the process exit code. */
    public static int run(String[] args) {
        RunplaneCli cli = new RunplaneCli(System.getenv(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC(), Terminal::stdoutIsTerminal);
        return cli.execute(args, new PrintWriter(System.out), new PrintWriter(System.err));
    }

    int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(out)
                .setErr(err)
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("error: " + messageOf(e));
                    if (env.containsKey("RUNPLANE_DEBUG")) {
                        e.printStackTrace(line.getErr());
                    }
                    return e instanceof CliException cli ? cli.exitCode() : ExitCodes.ERROR;
                });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a command: the overview, as a usage error so that a script notices. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    CliConfig config() {
        return CliConfig.resolve(env, home);
    }

    Map<String, String> env() {
        return env;
    }

    Path home() {
        return home;
    }

    Clock clock() {
        return clock;
    }

    boolean terminal() {
        return terminal.getAsBoolean();
    }

    // an unexpected exception is a bug or an odd answer; its message still beats a stack trace for a person
    private static String messageOf(Exception e) {
        if (e instanceof CliException) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
