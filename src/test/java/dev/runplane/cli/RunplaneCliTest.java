package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's contract with a shell: what counts as a command, help, usage errors and exit codes. */
class RunplaneCliTest {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @TempDir
    Path home;

    @Test
    void aFirstArgumentThatIsNoOptionOrALoneHelpIsACommandAnythingElseStartsTheServer() {
        assertThat(RunplaneCli.isCommand(new String[] {"ps"})).isTrue();
        assertThat(RunplaneCli.isCommand(new String[] {"apply", "-f", "run.yml"})).isTrue();
        assertThat(RunplaneCli.isCommand(new String[] {})).isFalse();
        assertThat(RunplaneCli.isCommand(null)).isFalse();
        assertThat(RunplaneCli.isCommand(new String[] {"--server.port=9090"})).isFalse();
        assertThat(RunplaneCli.isCommand(new String[] {"--help"})).isTrue();
        assertThat(RunplaneCli.isCommand(new String[] {"-h"})).isTrue();
        assertThat(RunplaneCli.isCommand(new String[] {"--help", "--server.port=9090"})).isFalse();
        assertThat(RunplaneCli.isCommand(new String[] {""})).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"config", "apply", "ps", "get", "scale", "stop", "restart", "logs", "stats", "cost",
            "events", "delete"})
    void everyCommandHasHelp(String command) {
        CliRunner.Result result = new CliRunner(home).run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: runplane " + command).contains("-h, --help");
    }

    @Test
    void anUnknownCommandOrAMissingArgumentIsAUsageError() {
        CliRunner.Result unknown = new CliRunner(home).run("scael", "web", "2");
        CliRunner.Result missing = new CliRunner(home).run("scale", "web");
        CliRunner.Result notANumber = new CliRunner(home).run("scale", "web", "two");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "scale");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'REPLICAS'");
        assertThat(notANumber.exitCode()).isEqualTo(2);
    }

    @Test
    void withoutATokenItSaysHowToConfigureOne() {
        CliRunner.Result result = new CliRunner(home).run("ps");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: no API token: run 'runplane config --token …' or set "
                + "RUNPLANE_TOKEN\n");
    }

    @Test
    void noServerIsAClearMessageNotAStackTrace() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRunner.Result result = new CliRunner(home).env("RUNPLANE_URL", "http://127.0.0.1:" + port)
                .env("RUNPLANE_TOKEN", "rp_test_token_0123456789abcdef").run("ps");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: cannot reach Runplane at http://127.0.0.1:" + port
                + ": connection refused\n");
    }

    @Test
    void everyRequestCarriesTheTokenAndSaysItComesFromTheCli() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("POST " + RUNS + "/web/scale", 200, "{\"name\":\"web\",\"version\":4}");

            CliRunner.Result result = new CliRunner(home).server(server).run("scale", "web", "2",
                    "--expected-version", "3");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).isEqualTo("scaled web to 2 replicas (version 4)\n");
            FakeRunplane.Request request = server.requests().getFirst();
            assertThat(request.header("Authorization")).isEqualTo("Bearer rp_test_token_0123456789abcdef");
            assertThat(request.header("X-Runplane-Source")).isEqualTo("cli");
            assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"replicas\":2,\"expectedVersion\":3}"));
        }
    }

    @Test
    void notFoundIsExitThreeAndConflictExitFourBothWithTheServersMessage() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUNS + "/nope", 404, "{\"status\":404,\"detail\":\"run 'nope' not found in "
                    + "project 'default'\"}");
            server.json("POST " + RUNS + "/web/scale", 409, "{\"status\":409,\"title\":\"Changed by someone "
                    + "else\",\"detail\":\"run 'web' was changed by someone else (expected version 0, it is now "
                    + "5); reload and try again\"}");
            CliRunner cli = new CliRunner(home).server(server);

            CliRunner.Result missing = cli.run("get", "nope");
            CliRunner.Result stale = cli.run("scale", "web", "3", "--expected-version", "0");

            assertThat(missing.exitCode()).isEqualTo(3);
            assertThat(missing.err()).isEqualTo("error: run 'nope' not found in project 'default'\n");
            assertThat(stale.exitCode()).isEqualTo(4);
            assertThat(stale.err()).contains("changed by someone else (expected version 0, it is now 5)");
        }
    }

    @Test
    void aRefusedTokenIsExitOneWithAHint() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUNS, 401, "{\"status\":401,\"detail\":\"invalid or expired token\"}");

            CliRunner.Result result = new CliRunner(home).server(server).run("ps");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("the token was refused: check RUNPLANE_TOKEN / runplane config");
        }
    }

    @Test
    void theProjectOptionAddressesAnotherProject() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET /api/v1/projects/team/runs/web/cost", 200,
                    "{\"currency\":\"USD\",\"total\":\"0.5\",\"burnRatePerHour\":\"0.1\",\"submissions\":[]}");

            CliRunner.Result result = new CliRunner(home).server(server).run("cost", "web", "-p", "team");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("total      0.5 USD", "burn rate  0.1 USD/h");
        }
    }

    @Test
    void durationsReadAsPeopleTypeThem() {
        assertThat(Durations.parse("10m")).hasMinutes(10);
        assertThat(Durations.parse("1h30m")).hasMinutes(90);
        assertThat(Durations.parse("45s")).hasSeconds(45);
        assertThat(Durations.parse("2d")).hasHours(48);
        CliRunner.Result bad = new CliRunner(home).run("logs", "web", "--since", "ten minutes");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("is not a duration like 30s, 10m");
    }
}
