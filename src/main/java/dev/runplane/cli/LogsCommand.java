package dev.runplane.cli;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a run's logs: its current replicas merged, or one replica's, and with {@code -f} keeps following. */
@Command(name = "logs", description = {"Print a run's logs: every current replica merged with an [rN] prefix, "
        + "or one replica's with --replica.",
        "With -f, keep printing new lines (including those of replicas added by scaling) until the run finishes "
                + "or Ctrl-C."})
final class LogsCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = {"-r", "--replica"}, paramLabel = "N", description = "Only this replica (its latest "
            + "submission), without a prefix.")
    Integer replica;

    @Option(names = {"-f", "--follow"}, description = "Follow new lines as they are written.")
    boolean follow;

    @Option(names = "--since", paramLabel = "DURATION", converter = Durations.class,
            description = "Only lines from the last DURATION, e.g. 30s, 10m, 2h.")
    Duration since;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() throws InterruptedException {
        LogSource source = new LogSource(api(), run, replica);
        LogPrinter printer = new LogPrinter(out(), source.merged(), output.json);
        Instant from = since == null ? null : cli().clock().instant().minus(since);
        long cursor = source.printAfter(0, from, printer);
        if (follow) {
            new LogFollower(source, printer, err()).follow(cursor);
        }
        return ExitCodes.OK;
    }
}
