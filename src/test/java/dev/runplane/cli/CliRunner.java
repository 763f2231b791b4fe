package dev.runplane.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in the test's own JVM with a chosen environment, home and clock, capturing what it prints. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
    }

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    CliRunner(Path home) {
        this.home = home;
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRunner server(FakeRunplane server) {
        return env(CliConfig.URL_ENV, server.url()).env(CliConfig.TOKEN_ENV, "rp_test_token_0123456789abcdef");
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RunplaneCli cli = new RunplaneCli(Map.copyOf(env), home, Clock.fixed(NOW, ZoneOffset.UTC), () -> false);
        int code = cli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
