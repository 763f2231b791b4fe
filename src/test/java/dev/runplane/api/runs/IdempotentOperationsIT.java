package dev.runplane.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Operations a script (or an impatient user) repeats are idempotent (BAD-INPUTS.md): twenty identical calls at the
 * same moment over HTTP all succeed with the same answer and change the run once; only a stale
 * {@code expectedVersion} is a conflict.
 */
@IntegrationTest
class IdempotentOperationsIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final int CALLS = 20;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void signIn() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "idempotent", null).secret());
    }

    private void createService(String name) {
        createService(name, "sleep 600", "1s");
    }

    private void createService(String name, String command, String grace) {
        ApiClient.Response created = api.post(RUNS, "application/yaml", "type: service\nname: " + name
                + "\ncommands: [\"" + command + "\"]\nreplicas: 1\nstop_grace_period: " + grace + "\n");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(name).get("runningReplicas").asInt() == 1);
    }

    private JsonNode get(String name) {
        return api.get(RUNS + "/" + name).json();
    }

    /** Fires the calls at once from their own threads. */
    private List<ApiClient.Response> atOnce(IntFunction<ApiClient.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(n);
                }));
            }
            go.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private int events(String run, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM run_event WHERE run_name = ? AND action = ?").params(run, action)
                .query(Integer.class).single();
    }

    @Test
    void identicalScalesAtOnceAllSucceedAndChangeTheRunOnce() throws Exception {
        createService("same-scale");
        long version = get("same-scale").get("version").asLong();

        List<ApiClient.Response> answers = atOnce(i -> api.postJson(RUNS + "/same-scale/scale", "{\"replicas\": 3}"));

        assertThat(answers).extracting(ApiClient.Response::status).as("%s", answers).containsOnly(200);
        assertThat(answers).extracting(r -> r.json().get("desiredReplicas").asInt()).containsOnly(3);
        assertThat(answers).extracting(r -> r.json().get("version").asLong()).containsOnly(version + 1);
        assertThat(events("same-scale", "SCALED")).isEqualTo(1);
        // the same count with the version the client saw before is no conflict either: nothing is overwritten
        assertThat(api.postJson(RUNS + "/same-scale/scale", "{\"replicas\": 3, \"expectedVersion\": " + version
                + "}").status()).isEqualTo(200);
        // a different count with that stale version is
        ApiClient.Response stale = api.postJson(RUNS + "/same-scale/scale", "{\"replicas\": 1, \"expectedVersion\": "
                + version + "}");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("expected version " + version);
        api.postJson(RUNS + "/same-scale/stop", "{\"abort\": true}");
    }

    @Test
    void differentScalesAtOnceWithoutExpectedVersionAllSucceedInSomeOrder() throws Exception {
        createService("racing-scale");
        List<ApiClient.Response> answers = atOnce(i -> api.postJson(RUNS + "/racing-scale/scale",
                "{\"replicas\": " + (2 + i % 2) + "}"));

        assertThat(answers).extracting(ApiClient.Response::status).as("%s", answers).containsOnly(200);
        int finalCount = get("racing-scale").get("desiredReplicas").asInt();
        assertThat(finalCount).isIn(2, 3);
        assertThat(events("racing-scale", "SCALED")).as("one event per change that happened").isBetween(1, CALLS);
        api.postJson(RUNS + "/racing-scale/stop", "{\"abort\": true}");
    }

    @Test
    void stopPressedManyTimesAtOnceIsOneStopAndAnAbortAfterItUpgradesIt() throws Exception {
        // a replica that ignores TERM keeps the run stopping, so the abort has something to upgrade
        createService("many-stops", "trap '' TERM; while true; do sleep 1; done", "1h");
        List<ApiClient.Response> answers = atOnce(i -> api.postJson(RUNS + "/many-stops/stop", "{}"));

        assertThat(answers).extracting(ApiClient.Response::status).as("%s", answers).containsOnly(202);
        assertThat(answers).extracting(r -> r.json().get("stopRequest").asString()).containsOnly("STOP");
        assertThat(events("many-stops", "STOPPED")).isEqualTo(1);

        ApiClient.Response abort = api.postJson(RUNS + "/many-stops/stop", "{\"abort\": true}");
        assertThat(abort.status()).isEqualTo(202);
        assertThat(abort.json().get("stopRequest").asString()).isEqualTo("ABORT");
        assertThat(api.postJson(RUNS + "/many-stops/stop", "{}").json().get("stopRequest").asString())
                .as("a stop after an abort stays an abort").isEqualTo("ABORT");
        await().atMost(Duration.ofSeconds(20)).until(() -> get("many-stops").get("status").asString()
                .equals("TERMINATED"));
    }

    @Test
    void aRestartRepeatedUntilItsReplacementExistsIsOneRestart() throws Exception {
        createService("many-restarts");
        List<ApiClient.Response> answers = atOnce(i -> api.post(RUNS + "/many-restarts/replicas/0/restart",
                "application/json", ""));

        assertThat(answers).extracting(ApiClient.Response::status).as("%s", answers).containsOnly(202);
        assertThat(events("many-restarts", "REPLICA_RESTARTED")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode replica = get("many-restarts").get("replicas").get(0);
            assertThat(replica.get("submissionNum").asInt()).isEqualTo(1);
            assertThat(replica.get("status").asString()).isEqualTo("RUNNING");
        });
        // the replacement stays: the repeated calls were one request
        Thread.sleep(1500);
        assertThat(get("many-restarts").get("replicas").get(0).get("submissionNum").asInt()).isEqualTo(1);
        // once the replacement exists, a new call is a new restart
        assertThat(api.post(RUNS + "/many-restarts/replicas/0/restart", "application/json", "").status())
                .isEqualTo(202);
        assertThat(events("many-restarts", "REPLICA_RESTARTED")).isEqualTo(2);
        api.postJson(RUNS + "/many-restarts/stop", "{\"abort\": true}");
    }
}
