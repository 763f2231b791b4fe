package dev.runplane.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.Replicas;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Real end times and no blind spell after a crash (issue 12, items 3 and 8). The server is a separate JVM killed with
 * SIGKILL while a 4 s task runs; the task ends while no server runs, and a second task's whole process group is
 * killed meanwhile (it leaves no record). The server started again on the same data directory 12 s later is the same
 * node: it takes its runs back at once (their leases are still valid for minutes) and shows both runs' true end
 * within seconds of being ready. The first replica's {@code finishedAt} is the wrapper's record of its end, and its bill is price ×
 * (end − start); the vanished one ends at the last time it was seen alive. A second server on the same data
 * directory refuses to start.
 * <p>
 * Not an {@code @IntegrationTest}: the servers get a database of their own (see RestartAdoptionIT).
 */
class EndTimeAfterCrashIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String TOKEN = "rp_end-times-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_endtime_" + UUID.randomUUID().toString().substring(0, 8);
    /*
     * 3600 an hour is 1 a second, so the bill of a few seconds is visible in the API's six decimals. The lease is
     * far longer than the test: the restarted server can show the truth quickly only by taking its own leases back,
     * however long it takes to start on a loaded machine.
     */
    private static final List<String> SERVER_ARGS = List.of("--runplane.billing.prices.local.base=3600",
            "--runplane.reconciler.lease=10m");

    @TempDir
    static Path dataDir;

    static JdbcClient db;
    static ServerProcess serverA;
    static ServerProcess serverB;

    @BeforeAll
    static void createDatabase() {
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        db = JdbcClient.create(new DriverManagerDataSource(test.urlFor(DATABASE), test.user(), test.password()));
    }

    @AfterAll
    static void cleanUp() {
        for (ServerProcess server : new ServerProcess[] {serverA, serverB}) {
            if (server != null) {
                server.close();
            }
        }
        try {
            if (db != null) {
                db.sql("SELECT backend_handle FROM replica_submission WHERE backend_handle LIKE 'local:%'")
                        .query(String.class).list().forEach(h -> killGroup(Long.parseLong(h.split(":")[1])));
            }
        } catch (RuntimeException e) {
            // no schema: the first server never got that far
        } finally {
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void aTaskThatEndsWhileTheServerIsDeadIsShownAndBilledWithItsRealEnd() throws IOException {
        long t0 = System.nanoTime();
        serverA = ServerProcess.start("end-times-server-a", settings());
        ApiClient api = new ApiClient(serverA.baseUrl(), TOKEN);
        create(api, "vanishes", "sleep 600");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(status(run(api, "vanishes"))).isEqualTo("RUNNING"));
        create(api, "ends", "sleep 4");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(status(run(api, "ends"))).isEqualTo("RUNNING"));
        phase("both tasks running", t0);

        // crash the server while the 4 s task runs
        Instant killedAt = Instant.now();
        serverA.kill9();
        long vanishingGroup = Long.parseLong(handle("vanishes").split(":")[1]);
        killGroup(vanishingGroup);
        phase("server A killed, and the group of 'vanishes' with it", t0);

        // 'ends' finishes about 2.5 s later while nothing watches; the next server starts 12 s after the crash
        sleep(Duration.ofSeconds(12));
        serverB = ServerProcess.start("end-times-server-b", settings());
        long ready = System.nanoTime();
        ApiClient apiB = new ApiClient(serverB.baseUrl(), TOKEN);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(status(run(apiB, "ends"))).isEqualTo("DONE");
            assertThat(status(run(apiB, "vanishes"))).isEqualTo("FAILED");
        });
        double truthAfterReady = (System.nanoTime() - ready) / 1e9;
        phase(String.format("true end status shown %.2f s after server B was ready", truthAfterReady), t0);
        // Soft from here on: a failure reports every wrong figure at once, not just the first
        SoftAssertions soft = new SoftAssertions();
        // the old lease (10 min) is still valid: only taking it back at once is this fast; and readiness waits for
        // the first pass (ReconcilerReadiness), so what is left is the pass that settles the run (0.5 s measured)
        soft.assertThat(truthAfterReady).as("seconds from readiness to the true status").isLessThan(3);

        // finishedAt is the wrapper's record of the end, not the time the restarted server noticed it
        JsonNode ended = submission(run(apiB, "ends"));
        soft.assertThat(ended.get("status").asString()).isEqualTo("DONE");
        Instant recorded = Replicas.wrapperEnd(handle("ends"));
        assertThat(recorded).as("the task ended after the crash (else this test proved nothing)").isAfter(killedAt);
        Instant finishedAt = Instant.parse(ended.get("finishedAt").asString());
        Instant startedAt = Instant.parse(ended.get("startedAt").asString());
        long errorMillis = Duration.between(recorded, finishedAt).abs().toMillis();
        phase("finishedAt " + finishedAt + ", wrapper's record " + recorded + ": error " + errorMillis + " ms", t0);
        soft.assertThat(errorMillis).as("|finishedAt − wrapper's end|, ms").isLessThanOrEqualTo(1000);
        soft.assertThat(Duration.between(startedAt, finishedAt).toMillis()).as("run time, ms")
                .isBetween(3000L, 5500L);

        // the bill is price × (end − start), recomputed here from the replica's own times
        JsonNode cost = apiB.get(RUNS + "/ends/cost").json();
        BigDecimal price = new BigDecimal(cost.get("submissions").get(0).get("pricePerHour").asString());
        BigDecimal expected = price.multiply(BigDecimal.valueOf(Duration.between(startedAt, finishedAt).toMillis()))
                .divide(BigDecimal.valueOf(3_600_000L), 6, RoundingMode.HALF_UP);
        phase("bill " + cost.get("total").asString() + ", recomputed " + expected.toPlainString(), t0);
        soft.assertThat(new BigDecimal(cost.get("total").asString())).as("bill of 'ends'")
                .isEqualByComparingTo(expected);
        soft.assertThat(millisBetween(cost.get("submissions").get(0).get("finishedAt").asString(), finishedAt))
                .as("the billed interval ends at finishedAt").isLessThanOrEqualTo(1);

        // the one that left no record ended, as far as anyone can know, when it was last seen alive: before the crash
        JsonNode lost = submission(run(apiB, "vanishes"));
        soft.assertThat(lost.get("terminationReason").asString()).isEqualTo("LOST");
        soft.assertThat(lost.path("message").asString()).contains("last time it was seen alive");
        Instant lostAt = Instant.parse(lost.get("finishedAt").asString());
        phase("'vanishes' finishedAt " + lostAt + ", server killed at " + killedAt, t0);
        // one pass (tick 500 ms, longer on a loaded machine) plus the claim that persists it
        soft.assertThat(lostAt).isBetween(killedAt.minusSeconds(3), killedAt.plusMillis(200));
        JsonNode lostCost = apiB.get(RUNS + "/vanishes/cost").json().get("submissions").get(0);
        soft.assertThat(millisBetween(lostCost.get("finishedAt").asString(), lostAt))
                .as("the billed interval of 'vanishes' ends at its finishedAt").isLessThanOrEqualTo(1);

        // one data directory, one node: a second server on it refuses to start, and says why
        soft.assertThatThrownBy(() -> {
            try (ServerProcess second = ServerProcess.start("end-times-server-c", settings())) {
                phase("a second server started on the same data directory: " + second.baseUrl(), t0);
            }
        }).hasMessageContaining("is in use by another Runplane process");
        soft.assertThat(serverB.isAlive()).isTrue();
        serverB.stop();
        soft.assertAll();
    }

    private static long millisBetween(String time, Instant other) {
        return Duration.between(Instant.parse(time), other).abs().toMillis();
    }

    private static void create(ApiClient api, String name, String command) {
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: task
                name: %s
                commands:
                  - %s
                """.formatted(name, command));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static ServerProcess.Settings settings() {
        TestDatabase test = TestDatabase.get();
        return new ServerProcess.Settings(test.urlFor(DATABASE), test.user(), test.password(), dataDir, TOKEN,
                SERVER_ARGS);
    }

    private static JsonNode run(ApiClient api, String name) {
        ApiClient.Response response = api.get(RUNS + "/" + name + "?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String status(JsonNode run) {
        return run.get("status").asString();
    }

    /** Submission 0 of replica 0, wherever the run lists it (current replicas or history). */
    private static JsonNode submission(JsonNode run) {
        for (String list : List.of("replicas", "history")) {
            for (JsonNode r : run.path(list)) {
                if (r.path("replicaNum").asInt(-1) == 0 && r.path("submissionNum").asInt(-1) == 0) {
                    return r;
                }
            }
        }
        throw new AssertionError("no submission 0 of replica 0 in " + run);
    }

    private static String handle(String run) {
        return Replicas.firstHandle(db, run);
    }

    private static void killGroup(long pgid) {
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void phase(String what, long t0) {
        System.out.printf("[EndTimeAfterCrashIT] %5.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }
}
