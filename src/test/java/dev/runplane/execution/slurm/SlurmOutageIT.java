package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.SlurmCluster;
import dev.runplane.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Slurm's controller dies under running replicas ({@code kill -9 slurmctld}) and comes back: meanwhile the replicas
 * stay RUNNING and say "Slurm unreachable since ...", none is declared lost; afterwards the mark clears and the run
 * goes on as before. Same set-up as {@link SlurmStoryIT} (a separate server JVM, jobs as a test user).
 */
class SlurmOutageIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String TOKEN = "rp_slurm-outage-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_slurmout_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "rpslurm";
    private static final String CTLD_PID = "/run/slurm/slurmctld.pid";

    static Path dataDir;
    static Path jobDir;
    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        SlurmCluster.require();
        if (SlurmCluster.run("id", "-u", USER).isEmpty()) {
            assertThat(SlurmCluster.run("useradd", "--system", "--no-create-home", USER)).as("useradd").isPresent();
        }
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        dataDir = Files.createTempDirectory("slurm-outage-data");
        jobDir = Files.createTempDirectory("slurm-outage-jobs");
        jobDir.toFile().setExecutable(true, false);
        server = ServerProcess.start("slurm-outage", new ServerProcess.Settings(test.urlFor(DATABASE), test.user(),
                test.password(), dataDir, TOKEN, List.of(
                "--runplane.reconciler.lease=5s",
                "--runplane.slurm.enabled=true",
                "--runplane.slurm.job-dir=" + jobDir,
                "--runplane.slurm.users.default=" + USER,
                // a dead controller must be noticed within a few seconds, not after the default 30 s
                "--runplane.slurm.command-timeout=3s")));
        api = new ApiClient(server.baseUrl(), TOKEN);
    }

    @AfterAll
    static void cleanUp() {
        ensureControllerRuns();
        if (server != null) {
            server.close();
        }
        // nothing of ours is left queued or running on the cluster
        SlurmCluster.run("squeue", "-h", "-o", "%i|%k").orElse("").lines()
                .filter(line -> line.contains("|runplane:" + jobDir))
                .forEach(line -> SlurmCluster.run("scancel", line.substring(0, line.indexOf('|'))));
        if (dataDir != null) {
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void runningReplicasSurviveAControllerKilledAndRestarted() throws Exception {
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: service
                name: outage
                backend: slurm
                commands: [sleep 600]
                replicas: 2
                resources: {cpu: 0.5, memory: 128Mi}
                stop_grace_period: 2s
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<String> jobIds = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run();
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            jobIds.clear();
            run.get("replicas").forEach(r -> jobIds.add(r.get("backendId").asString()));
        });
        // killed sooner, Slurm has not saved the allocation yet and runs the job again (SLURM.md)
        Thread.sleep(6_000);
        try {
            String pid = Files.readString(Path.of(CTLD_PID)).strip();
            assertThat(SlurmCluster.run("kill", "-9", pid)).as("kill -9 slurmctld").isPresent();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode replicas = run().get("replicas");
                assertThat(statuses(replicas)).containsExactly("0#0:RUNNING", "1#0:RUNNING");
                replicas.forEach(r -> assertThat(r.path("message").asString(""))
                        .startsWith("Slurm unreachable since"));
            });
            // it stays so: nothing is concluded from silence
            Thread.sleep(5_000);
            JsonNode during = run();
            assertThat(statuses(during.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            assertThat(during.get("history")).isEmpty();
        } finally {
            ensureControllerRuns();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run();
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            run.get("replicas").forEach(r -> assertThat(r.path("message").isNull()
                    || r.path("message").isMissingNode()).as(r.toString()).isTrue());
            List<String> ids = new ArrayList<>();
            run.get("replicas").forEach(r -> ids.add(r.get("backendId").asString()));
            assertThat(ids).isEqualTo(jobIds);
        });

        ApiClient.Response scaled = api.postJson(RUNS + "/outage/scale", "{\"replicas\": 1}");
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run();
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            assertThat(statuses(run.get("history"))).containsExactly("1#0:TERMINATED");
            assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("SCALED_DOWN");
        });
        assertThat(api.postJson(RUNS + "/outage/stop", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run();
            assertThat(run.get("status").asString()).isEqualTo("TERMINATED");
            // a stopped run has no current replicas: both submissions are in its history
            assertThat(statuses(run.get("replicas"))).isEmpty();
            List<String> reasons = new ArrayList<>();
            run.get("history").forEach(r -> reasons.add(r.get("replicaNum").asInt() + "#"
                    + r.get("submissionNum").asInt() + ":" + r.get("status").asString() + ":"
                    + r.get("terminationReason").asString()));
            assertThat(reasons).containsExactlyInAnyOrder("0#0:TERMINATED:STOPPED_BY_USER",
                    "1#0:TERMINATED:SCALED_DOWN");
        });
    }

    private static JsonNode run() {
        ApiClient.Response response = api.get(RUNS + "/outage?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> statuses(JsonNode replicas) {
        return SlurmStoryIT.statuses(replicas);
    }

    /** The other Slurm tests run after this one: slurmctld is started again (it recovers its saved state). */
    private static void ensureControllerRuns() {
        if (SlurmCluster.run("squeue", "-h").isPresent()) {
            return;
        }
        // started directly: bin/slurm-test-cluster's srun probe would wait for nodes this test's jobs fill
        SlurmCluster.run("/usr/sbin/slurmctld");
        await().atMost(Duration.ofSeconds(30)).until(() -> SlurmCluster.run("squeue", "-h").isPresent());
    }
}
