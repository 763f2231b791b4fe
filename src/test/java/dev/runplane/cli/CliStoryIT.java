package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The scaling story the portal must survive, driven only through the CLI, each command a separate process as in a
 * user's shell; the API (read directly) must agree with what the CLI prints at every step.
 */
@IntegrationTest
class CliStoryIT {
    private static final String RUN = "cli-story";
    private static final String RUN_PATH = "/api/v1/projects/default/runs/" + RUN;
    private static final String SPEC = """
            type: service
            name: cli-story
            commands:
              - 'i=0; while true; do echo "replica $RUNPLANE_REPLICA line $i"; i=$((i+1)); sleep 0.2; done'
            replicas: 1
            stop_grace_period: 2s
            """;
    private static final Pattern LINE = Pattern.compile("\\[r(\\d+)] replica (\\d+) line (\\d+)");
    private static final Duration STEP = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @TempDir
    Path home;

    CliProcess cli;
    ApiClient api;

    @BeforeEach
    void signIn() {
        String token = tokens.create("admin", "cli", null).secret();
        String url = "http://localhost:" + port;
        cli = new CliProcess(home, Map.of("RUNPLANE_URL", url, "RUNPLANE_TOKEN", token));
        api = new ApiClient(url, token);
    }

    /** Whatever happened above, no replica process outlives the test (a stop of a finished run changes nothing). */
    @AfterEach
    void abortTheRun() {
        api.postJson(RUN_PATH + "/stop", "{\"abort\": true}");
    }

    private CliProcess.Result ok(String... args) {
        CliProcess.Result result = cli.run(args);
        assertThat(result.exitCode()).as("runplane %s\n%s", String.join(" ", args), result).isZero();
        return result;
    }

    private JsonNode okJson(String... args) {
        return Json.parse(ok(args).stdout());
    }

    private static List<String> replicas(JsonNode replicas) {
        List<String> out = new ArrayList<>();
        replicas.forEach(r -> out.add(r.get("replicaNum").asInt() + "#" + r.get("submissionNum").asInt() + ":"
                + r.get("status").asString()));
        return out;
    }

    /** Waits, reading only through {@code runplane get --json}, until the current replicas are these. */
    private JsonNode awaitCurrent(String... expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last[0] = okJson("get", RUN, "--json");
            assertThat(replicas(last[0].get("replicas"))).containsExactly(expected);
        });
        return last[0];
    }

    /** {@code stats --json} and {@code cost --json} show the same replicas and burn rate as the API itself. */
    private void statsAndCostAgreeWithTheApi(JsonNode run) {
        List<String> current = new ArrayList<>();
        BigDecimal prices = BigDecimal.ZERO;
        for (JsonNode r : run.get("replicas")) {
            current.add(r.get("replicaNum").asInt() + "#" + r.get("submissionNum").asInt());
            prices = prices.add(new BigDecimal(r.get("pricePerHour").asString()));
        }
        BigDecimal burn = prices;
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            // two processes side by side: most of a CLI process's second is JVM start-up
            CompletableFuture<JsonNode> stats = CompletableFuture.supplyAsync(() -> okJson("stats", RUN, "--json"));
            CompletableFuture<JsonNode> cost = CompletableFuture.supplyAsync(() -> okJson("cost", RUN, "--json"));
            JsonNode cliStats = join(stats);
            JsonNode cliCost = join(cost);
            JsonNode apiStats = api.get(RUN_PATH + "/stats").json();
            assertThat(statsReplicas(cliStats)).isEqualTo(current).isEqualTo(statsReplicas(apiStats));

            JsonNode apiCost = api.get(RUN_PATH + "/cost").json();
            assertThat(new BigDecimal(cliCost.get("burnRatePerHour").asString()))
                    .isEqualByComparingTo(new BigDecimal(apiCost.get("burnRatePerHour").asString()))
                    .isEqualByComparingTo(burn);
            assertThat(cliCost.get("submissions").size()).isEqualTo(apiCost.get("submissions").size());
        });
    }

    /** A failed assertion inside a future stays an assertion, so that awaitility retries it. */
    private static JsonNode join(CompletableFuture<JsonNode> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        }
    }

    private static List<String> statsReplicas(JsonNode stats) {
        List<String> out = new ArrayList<>();
        stats.get("replicas").forEach(r -> out.add(r.get("replicaNum").asInt() + "#"
                + r.get("submissionNum").asInt()));
        return out;
    }

    @Test
    void scalingOneTwoOneTwoThenStopThroughTheCliAgreesWithTheApiAtEveryStep() throws Exception {
        Path spec = Files.writeString(home.resolve("run.yml"), SPEC);
        assertThat(ok("apply", "-f", spec.toString()).stdout()).isEqualTo("created service cli-story with 1 "
                + "replica\n");
        try (CliProcess.Running follow = cli.start("logs", RUN, "-f")) {
            statsAndCostAgreeWithTheApi(awaitCurrent("0#0:RUNNING"));
            await().atMost(STEP).until(() -> follow.stdout().contains("[r0] replica 0 line"));

            // 1 → 2: the follower, started before, sees the new replica's lines
            assertThat(ok("scale", RUN, "2").stdout()).startsWith("scaled cli-story to 2 replicas");
            statsAndCostAgreeWithTheApi(awaitCurrent("0#0:RUNNING", "1#0:RUNNING"));
            await().atMost(STEP).until(() -> follow.stdout().contains("[r1] replica 1 line"));

            // 2 → 1: replica 1 leaves the current set for the history, and stats and cost forget it
            ok("scale", RUN, "1");
            JsonNode one = awaitCurrent("0#0:RUNNING");
            assertThat(replicas(one.get("history"))).containsExactly("1#0:TERMINATED");
            assertThat(one.get("history").get(0).get("terminationReason").asString()).isEqualTo("SCALED_DOWN");
            statsAndCostAgreeWithTheApi(one);

            // 1 → 2 by applying the same file with another replica count: scaled in place, not refused
            Path two = Files.writeString(home.resolve("run-2.yml"), SPEC.replace("replicas: 1", "replicas: 2"));
            assertThat(ok("apply", "-f", two.toString()).stdout())
                    .isEqualTo("scaled cli-story from 1 to 2 replicas (only replicas changed)\n");
            statsAndCostAgreeWithTheApi(awaitCurrent("0#0:RUNNING", "1#1:RUNNING"));
            String seen = follow.stdout();
            await().atMost(STEP).until(() -> follow.stdout().substring(seen.length())
                    .contains("[r1] replica 1 line"));

            // a scale against a version read long ago is a conflict, not a lost update
            CliProcess.Result stale = cli.run("scale", RUN, "3", "--expected-version", "0");
            assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(4);
            assertThat(stale.stderr()).contains("changed by someone else").doesNotContain("Exception");

            // a changed command is refused, naming what differs
            Path changed = Files.writeString(home.resolve("run-3.yml"), SPEC.replace("sleep 0.2", "sleep 0.3"));
            CliProcess.Result refused = cli.run("apply", "-f", changed.toString());
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
            assertThat(refused.stderr()).contains("differs in commands; only replicas can change in place");

            // stop: the run terminates, and the follower ends on its own once it has printed the last lines
            assertThat(ok("stop", RUN, "--abort").stdout()).startsWith("aborting cli-story");
            await().atMost(STEP).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(okJson("get", RUN, "--json").get("status").asString()).isEqualTo("TERMINATED"));
            await().atMost(STEP).until(() -> !follow.isAlive());
            assertThat(follow.exitCode()).as(follow.stderr()).isZero();
            assertEveryReplicasLinesFollowEachOther(follow.stdout());
        }

        List<String> actions = new ArrayList<>();
        api.get("/api/v1/projects/default/events?run=" + RUN).json().get("events")
                .forEach(e -> actions.add(e.get("action").asString() + "/" + e.get("source").asString()));
        assertThat(actions).contains("CREATED/cli", "SCALED/cli", "ABORTED/cli");
    }

    /** Per replica, each line number is the one before plus one, or 0 where a new submission began. */
    private static void assertEveryReplicasLinesFollowEachOther(String output) {
        Map<String, Integer> previous = new HashMap<>();
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue; // e.g. the shell's own "Terminated" when a replica is stopped
            }
            assertThat(m.group(1)).as(line).isEqualTo(m.group(2));
            int number = Integer.parseInt(m.group(3));
            Integer before = previous.put(m.group(1), number);
            if (before != null && number != 0) {
                assertThat(number).as("after line %d of replica %s", before, m.group(1)).isEqualTo(before + 1);
            }
        }
        assertThat(previous).containsOnlyKeys("0", "1");
    }

    @Test
    void anUnknownRunIsExitThreeWithTheServersMessage() {
        CliProcess.Result result = cli.run("get", "no-such-run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).isEqualTo("error: run 'no-such-run' not found in project 'default'\n");
        assertThat(result.stdout()).isEmpty();
    }
}
