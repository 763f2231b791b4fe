package dev.runplane.execution.slurm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.SlurmCluster;
import dev.runplane.support.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's story and its faults on a real two-node Slurm ({@code bin/slurm-test-cluster}), checked against
 * {@code squeue} itself. Runplane is a separate JVM (as on a login node) with a database of its own, so that it
 * can be killed with SIGKILL and started again. Jobs run as a Unix user the test creates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmStoryIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String TOKEN = "rp_slurm-story-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_slurm_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "rpslurm";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path dataDir;
    static Path jobDir;
    static ServerProcess server;
    static ApiClient api;
    static int serverNumber;

    @BeforeAll
    static void start() throws Exception {
        SlurmCluster.require();
        if (SlurmCluster.run("id", "-u", USER).isEmpty()) {
            assertThat(SlurmCluster.run("useradd", "--system", "--no-create-home", USER)).as("useradd").isPresent();
        }
        TestDatabase.get().execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        dataDir = Files.createTempDirectory("slurm-story-data");
        jobDir = Files.createTempDirectory("slurm-story-jobs");
        // the job directories are made per job, owned by the job's user; the root must let that user in
        jobDir.toFile().setExecutable(true, false);
        startServer();
    }

    static void startServer() {
        TestDatabase test = TestDatabase.get();
        server = ServerProcess.start("slurm-story-" + (++serverNumber), new ServerProcess.Settings(
                test.urlFor(DATABASE), test.user(), test.password(), dataDir, TOKEN, List.of(
                "--runplane.reconciler.lease=5s",
                "--runplane.slurm.enabled=true",
                "--runplane.slurm.job-dir=" + jobDir,
                "--runplane.slurm.users.default=" + USER,
                "--runplane.billing.prices.slurm.debug.base=0.10",
                "--runplane.billing.prices.slurm.debug.per-cpu=0.05",
                "--runplane.billing.prices.slurm.debug.per-gib=0.01")));
        api = new ApiClient(server.baseUrl(), TOKEN);
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
        // nothing of ours is left queued or running on the cluster
        squeue().forEach(job -> SlurmCluster.run("scancel", Long.toString(job.id())));
        if (dataDir != null) {
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    /**
     * Each test leaves the cluster empty, even when it fails: a failed test's jobs would otherwise hold the CPUs the
     * next test waits for, and one failure would read as five.
     */
    @AfterEach
    void cancelOurJobs() {
        // abort first, or the reconciler would replace the jobs cancelled below
        for (JsonNode r : api.get(RUNS).json().path("runs")) {
            api.postJson(RUNS + "/" + r.path("name").asString() + "/stop", "{\"abort\": true}");
        }
        squeue().forEach(job -> SlurmCluster.run("scancel", Long.toString(job.id())));
        await().atMost(Duration.ofSeconds(30)).until(() -> squeue().stream()
                .noneMatch(job -> Set.of("RUNNING", "PENDING", "CONFIGURING", "COMPLETING").contains(job.state())));
    }

    record SlurmJob(long id, String name, String state, String nodes, String user) {
    }

    /** Runplane's jobs as Slurm itself reports them. */
    static List<SlurmJob> squeue() {
        List<SlurmJob> jobs = new ArrayList<>();
        String out = SlurmCluster.run("squeue", "--json").orElseThrow();
        for (JsonNode job : JSON.readTree(out).path("jobs")) {
            String comment = job.path("comment").asString("");
            if (comment.startsWith("runplane:" + jobDir)) {
                jobs.add(new SlurmJob(job.path("job_id").asLong(), job.path("name").asString(),
                        job.path("job_state").asString(), job.path("nodes").asString(),
                        job.path("user_name").asString()));
            }
        }
        return jobs;
    }

    static Set<String> liveJobIds(String run) {
        Set<String> ids = new TreeSet<>();
        squeue().stream().filter(j -> j.name().startsWith("rp-default-" + run + "-r"))
                .filter(j -> Set.of("RUNNING", "PENDING", "CONFIGURING").contains(j.state()))
                .forEach(j -> ids.add(Long.toString(j.id())));
        return ids;
    }

    static JsonNode run(String name) {
        ApiClient.Response response = api.get(RUNS + "/" + name + "?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<String> statuses(JsonNode replicas) {
        List<String> out = new ArrayList<>();
        replicas.forEach(r -> out.add(r.get("replicaNum").asInt() + "#" + r.get("submissionNum").asInt() + ":"
                + r.get("status").asString()));
        return out;
    }

    static Set<String> currentJobIds(JsonNode run) {
        Set<String> ids = new TreeSet<>();
        run.get("replicas").forEach(r -> {
            if (r.get("status").asString().equals("RUNNING")) {
                ids.add(r.get("backendId").asString());
            }
        });
        return ids;
    }

    static void create(String yaml) {
        ApiClient.Response created = api.post(RUNS, "application/yaml", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static void scale(String name, int replicas) {
        ApiClient.Response response = api.postJson(RUNS + "/" + name + "/scale", "{\"replicas\": " + replicas + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void storyOneTwoOneTwoStopMatchesWhatSlurmRuns() {
        create("""
                type: service
                name: story
                backend: slurm
                commands:
                  - echo "replica $RUNPLANE_REPLICA up on $SLURM_JOB_NODELIST as $(id -un)"
                  - sleep 600
                replicas: 1
                resources: {cpu: 0.5, memory: 256Mi}
                stop_grace_period: 5s
                """);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("story");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            assertThat(run.get("replicas").get(0).get("host").asString()).startsWith("node");
            assertThat(currentJobIds(run)).isEqualTo(liveJobIds("story"));
        });
        assertThat(squeue()).allSatisfy(job -> assertThat(job.user()).isEqualTo(USER));

        scale("story", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("story");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            assertThat(currentJobIds(run)).hasSize(2).isEqualTo(liveJobIds("story"));
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.get(RUNS
                + "/story/logs?replica=1").json().get("lines").get(0).get("text").asString())
                .startsWith("replica 1 up on node").endsWith("as " + USER));

        scale("story", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("story");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            assertThat(statuses(run.get("history"))).containsExactly("1#0:TERMINATED");
            assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("SCALED_DOWN");
            assertThat(currentJobIds(run)).isEqualTo(liveJobIds("story"));
        });
        // stats cover the current replicas only
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode stats = api.get(RUNS + "/story/stats").json().get("replicas");
            List<String> replicas = new ArrayList<>();
            stats.forEach(r -> replicas.add(r.get("replicaNum").asInt() + "#" + r.get("submissionNum").asInt()));
            assertThat(replicas).containsExactly("0#0");
            // null until the first sstat sample (Slurm gathers every 5 s here): path() keeps the wait going
            assertThat(stats.get(0).path("latest").path("memoryBytes").asLong(0)).isPositive();
        });

        scale("story", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("story");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#1:RUNNING");
            assertThat(currentJobIds(run)).hasSize(2).isEqualTo(liveJobIds("story"));
        });

        assertThat(api.postJson(RUNS + "/story/stop", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run("story");
            assertThat(run.get("status").asString()).isEqualTo("TERMINATED");
            // a finished run has no current replicas: everything that ended is history (ReplicaSlots)
            assertThat(run.get("replicas").size()).isZero();
            assertThat(statuses(run.get("history"))).contains("0#0:TERMINATED", "1#1:TERMINATED");
            assertThat(liveJobIds("story")).isEmpty();
        });

        // cost: recomputed here from each submission's price and its running time, to the cent
        JsonNode cost = api.get(RUNS + "/story/cost").json();
        BigDecimal expected = BigDecimal.ZERO;
        for (JsonNode s : cost.get("submissions")) {
            if (s.get("startedAt").isNull()) {
                continue;
            }
            long ms = Duration.between(Instant.parse(s.get("startedAt").asString()),
                    Instant.parse(s.get("finishedAt").asString())).toMillis();
            expected = expected.add(new BigDecimal(s.get("pricePerHour").asString())
                    .multiply(BigDecimal.valueOf(ms)).divide(BigDecimal.valueOf(3_600_000), 10, RoundingMode.HALF_UP));
            // 0.10 + 0.05 × 1 CPU (0.5 rounds up) + 0.01 × 0.25 GiB
            assertThat(new BigDecimal(s.get("pricePerHour").asString())).isEqualByComparingTo("0.1525");
        }
        assertThat(cost.get("submissions")).hasSize(3);
        assertThat(new BigDecimal(cost.get("total").asString()).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    @Order(2)
    void twoReplicasOfTwoCpusLandOnBothNodes() {
        create("""
                type: service
                name: wide
                backend: slurm
                commands: [sleep 600]
                replicas: 2
                resources: {cpu: 2}
                stop_grace_period: 2s
                """);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("wide");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            Set<String> hosts = new HashSet<>();
            run.get("replicas").forEach(r -> hosts.add(r.get("host").asString()));
            assertThat(hosts).containsExactlyInAnyOrder("node1", "node2");
        });
        Set<String> slurmNodes = new HashSet<>();
        squeue().stream().filter(j -> j.name().startsWith("rp-default-wide-")).forEach(j -> slurmNodes.add(j.nodes()));
        assertThat(slurmNodes).containsExactlyInAnyOrder("node1", "node2");

        // a third replica cannot fit (both nodes are full): its slot waits and says why, in Slurm's words
        scale("wide", 3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode third = run("wide").get("replicas").get(2);
            assertThat(third.get("status").asString()).isEqualTo("PROVISIONING");
            assertThat(third.path("message").asString("")).contains("waiting for free CPUs");
        });

        // the portal shows what Slurm runs: each replica's node and job id, and the pending one's reason
        JsonNode replicas = run("wide").get("replicas");
        try (BrowserSession browser = new BrowserSession(server.baseUrl())) {
            browser.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            browser.open("/projects/default/runs/wide");
            Page page = browser.page();
            for (int i = 0; i < 2; i++) {
                JsonNode replica = replicas.get(i);
                Locator row = page.locator("#replicas-current tr.replica-" + i);
                assertThat(row).containsText(replica.get("host").asString());
                assertThat(row).containsText(replica.get("backendId").asString());
            }
            Locator pending = page.locator("#replicas-current tr.replica-2");
            assertThat(pending).containsText(replicas.get(2).get("backendId").asString());
            assertThat(pending).containsText("waiting for free CPUs");
        }
        assertThat(api.postJson(RUNS + "/wide/stop", "{\"abort\": true}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(run("wide").get("status").asString()).isEqualTo("TERMINATED");
            assertThat(liveJobIds("wide")).isEmpty();
        });
    }

    @Test
    @Order(3)
    void aJobCancelledOutsideRunplaneIsMarkedSoAndReplaced() {
        create("""
                type: service
                name: outside
                backend: slurm
                commands: [sleep 600]
                retry: {on: [lost], limit: 1}
                stop_grace_period: 2s
                """);
        String[] jobId = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("outside");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            jobId[0] = run.get("replicas").get(0).get("backendId").asString();
        });
        assertThat(SlurmCluster.run("scancel", jobId[0])).isPresent();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode run = run("outside");
            assertThat(statuses(run.get("history"))).containsExactly("0#0:FAILED");
            assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("CANCELLED_OUTSIDE");
            // replaced under the retry policy (lost), after its back-off
            assertThat(statuses(run.get("replicas"))).containsExactly("0#1:RUNNING");
        });
        api.postJson(RUNS + "/outside/stop", "{\"abort\": true}");
    }

    @Test
    @Order(4)
    void aJobOverItsMaxDurationEnds() {
        create("""
                type: task
                name: too-long
                backend: slurm
                commands: [sleep 600]
                max_duration: 3s
                stop_grace_period: 2s
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run("too-long");
            assertThat(statuses(run.get("history"))).containsExactly("0#0:TERMINATED");
            assertThat(run.get("history").get(0).get("terminationReason").asString())
                    .isEqualTo("MAX_DURATION_EXCEEDED");
            assertThat(run.get("status").asString()).isEqualTo("FAILED");
            assertThat(liveJobIds("too-long")).isEmpty();
        });
    }

    @Test
    @Order(5)
    void anUnknownPartitionAndAnImpossibleRequestFailWithSlurmsReason() {
        create("""
                type: task
                name: no-partition
                backend: slurm
                commands: [echo hi]
                slurm: {partition: nosuch}
                """);
        create("""
                type: task
                name: too-big
                backend: slurm
                commands: [echo hi]
                resources: {cpu: 64}
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run("no-partition");
            assertThat(run.get("status").asString()).isEqualTo("FAILED");
            JsonNode replica = run.get("history").get(0);
            assertThat(replica.get("terminationReason").asString()).isEqualTo("FAILED_TO_START");
            assertThat(replica.get("message").asString()).contains("slurm.partition", "nosuch",
                    "Invalid partition name");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run("too-big");
            assertThat(run.get("status").asString()).isEqualTo("FAILED");
            JsonNode replica = run.get("history").get(0);
            assertThat(replica.get("terminationReason").asString()).isEqualTo("FAILED_TO_START");
            assertThat(replica.get("message").asString()).contains("Slurm: PartitionConfig");
            assertThat(liveJobIds("too-big")).isEmpty();
        });
        // an unknown key in the slurm section is refused at submit, naming the field
        ApiClient.Response bad = api.post(RUNS, "application/yaml", """
                type: task
                name: bad-key
                backend: slurm
                commands: [echo hi]
                slurm: {partitoin: debug}
                """);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("slurm.partitoin");
    }

    @Test
    @Order(6)
    void aKilledServerReadoptsItsJobsByJobId() {
        create("""
                type: service
                name: adopt
                backend: slurm
                commands: [sleep 600]
                stop_grace_period: 2s
                """);
        String[] jobId = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("adopt");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            jobId[0] = run.get("replicas").get(0).get("backendId").asString();
        });
        server.kill9();
        assertThat(liveJobIds("adopt")).containsExactly(jobId[0]);
        startServer();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode run = run("adopt");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            assertThat(run.get("replicas").get(0).get("backendId").asString()).isEqualTo(jobId[0]);
        });
        assertThat(api.postJson(RUNS + "/adopt/stop", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run("adopt");
            assertThat(statuses(run.get("history"))).containsExactly("0#0:TERMINATED");
            assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("STOPPED_BY_USER");
            assertThat(liveJobIds("adopt")).isEmpty();
        });
    }
}
