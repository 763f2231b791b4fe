package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.SlurmCluster;
import dev.runplane.support.SshLoginNode;
import dev.runplane.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Runplane outside the cluster ({@code runplane.slurm.mode=ssh}): every Slurm command and every job-directory
 * read goes over SSH to a real OpenSSH server on a loopback port (the "login node"), which logs each command it
 * runs. The job directories are never read through Runplane's own filesystem ({@code job-dir-visible=false}), so
 * the logs in the API came over SSH, and the command log shows them read by byte offset. Then the faults: the SSH
 * server gone for 30 s, slurmctld stopped (SIGTERM, not killed) for 30 s, and a changed host key. One server JVM and
 * one sshd for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmSshIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String TOKEN = "rp_slurm-ssh-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_slurmssh_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "rpslurm";
    private static final String CTLD_PID = "/run/slurm/slurmctld.pid";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    static SshLoginNode node;
    static Path dataDir;
    static Path jobDir;
    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        SlurmCluster.require();
        node = SshLoginNode.start(true);
        if (SlurmCluster.run("id", "-u", USER).isEmpty()) {
            assertThat(SlurmCluster.run("useradd", "--system", "--no-create-home", USER)).as("useradd").isPresent();
        }
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        dataDir = Files.createTempDirectory("slurm-ssh-data");
        // a path only the login node's side uses: Runplane makes it over SSH (mkdir -p), never here
        jobDir = Path.of("/tmp", "slurm-ssh-jobs-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> settings = new ArrayList<>(List.of(
                "--runplane.reconciler.lease=5s",
                "--runplane.slurm.enabled=true",
                "--runplane.slurm.job-dir=" + jobDir,
                "--runplane.slurm.users.default=" + USER,
                "--runplane.slurm.command-timeout=3s",
                "--runplane.slurm.ssh.max-backoff=2s"));
        settings.addAll(node.settings());
        server = ServerProcess.start("slurm-ssh", new ServerProcess.Settings(test.urlFor(DATABASE), test.user(),
                test.password(), dataDir, TOKEN, settings));
        api = new ApiClient(server.baseUrl(), TOKEN);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        ensureControllerRuns();
        if (server != null) {
            server.close();
        }
        if (node != null) {
            node.close();
        }
        ourJobs().forEach(id -> SlurmCluster.run("scancel", id));
        if (dataDir != null) {
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    @Order(1)
    void aServiceRunsScalesAndLogsOverSsh() throws Exception {
        create("""
                type: service
                name: web
                backend: slurm
                port: 8700
                commands:
                  - echo "replica $RUNPLANE_REPLICA listens on $PORT as $(id -un)"
                  - sleep 600
                replicas: 1
                resources: {cpu: 0.5, memory: 128Mi}
                stop_grace_period: 2s
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode replicas = run().get("replicas");
            assertThat(SlurmStoryIT.statuses(replicas)).containsExactly("0#0:RUNNING");
            assertThat(replicas.get(0).path("endpoint").asString("")).isEqualTo("127.0.0.1:8700");
        });
        scale(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode replicas = run().get("replicas");
            assertThat(SlurmStoryIT.statuses(replicas)).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            assertThat(replicas.get(1).path("endpoint").asString("")).isEqualTo("127.0.0.1:8701");
            assertThat(currentJobIds()).isEqualTo(ourJobs());
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(RUNS + "/web/logs?replica=1")
                .json().path("lines").path(0).path("text").asString("")).isEqualTo("replica 1 listens on 8701 as "
                + USER));
        // what went over SSH: sbatch, squeue, and the log read by byte offset in the job's own directory; a launch
        // is one command (its script makes the directory, runs sbatch and writes the handle), fed to a kept shell
        // with its script quoted on stdin (unquoted here to read it)
        String commands = Files.readString(node.commandLog()).replace("'\\''", "'");
        assertThat(commands).contains("'sbatch' '--parsable'", "'squeue' '--json'", "tail -c +");
        assertThat(commands.lines().filter(l -> l.equals("'sh' '-s'")).count()).isGreaterThanOrEqualTo(2);
        assertThat(commands).doesNotContain("'test' '-d'");
        assertThat(commands.lines().filter(l -> l.contains("tail -c +") || l.startsWith("'sh' '-c' 'tail"))
                .count()).isPositive();
        assertThat(commands).containsPattern("'" + jobDir + "/[0-9]+/stdout\\.log'");
        scale(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(SlurmStoryIT.statuses(run().get("replicas"))).containsExactly("0#0:RUNNING");
            assertThat(currentJobIds()).isEqualTo(ourJobs());
        });
        scale(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> SlurmStoryIT.statuses(run().get("replicas"))
                .equals(List.of("0#0:RUNNING", "1#1:RUNNING")));
    }

    @Test
    @Order(2)
    void theLoginNodeGoneFor30sLosesNothing() throws Exception {
        List<String> before = currentJobIds();
        node.stop();
        try {
            outageKeepsEverything(before);
        } finally {
            node.startSshd();
        }
        reconciled(before);
    }

    @Test
    @Order(3)
    void slurmctldStoppedFor30sLosesNothing() throws Exception {
        List<String> before = currentJobIds();
        // both jobs have run well over 5 s: their allocations are saved (SLURM.md)
        String pid = Files.readString(Path.of(CTLD_PID)).strip();
        try {
            assertThat(SlurmCluster.run("kill", "-TERM", pid)).as("kill -TERM slurmctld").isPresent();
            outageKeepsEverything(before);
        } finally {
            ensureControllerRuns();
        }
        reconciled(before);
    }

    @Test
    @Order(4)
    void stoppingLeavesNothingInTheQueue() {
        assertThat(api.postJson(RUNS + "/web/stop", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(run().get("status").asString()).isEqualTo("TERMINATED");
            assertThat(ourJobs()).isEmpty();
        });
    }

    @Test
    @Order(5)
    void aChangedHostKeyIsRefusedAndSaidOnTheSlot() throws Exception {
        node.changeHostKey();
        String fingerprint = node.otherHostKeyFingerprint();
        create("""
                type: task
                name: keyed
                backend: slurm
                commands: [echo never]
                """);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode slot = api.get(RUNS + "/keyed").json().path("replicas").path(0);
            // waiting to be launched: no sbatch while Slurm is unreachable
            assertThat(slot.path("status").asString("")).isIn("PENDING", "SUBMITTED");
            assertThat(slot.path("message").asString("")).contains("Slurm unreachable", "host key",
                    "127.0.0.1:" + node.port(), fingerprint, "refused");
        });
        assertThat(ourJobs()).isEmpty();
        assertThat(api.postJson(RUNS + "/keyed/stop", "{\"abort\": true}").status()).isEqualTo(202);
    }

    /** While the outage lasts: the same replicas RUNNING, each marked unreachable, nothing in the history. */
    private static void outageKeepsEverything(List<String> before) throws InterruptedException {
        Instant end = Instant.now().plus(OUTAGE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode replicas = run().get("replicas");
            assertThat(SlurmStoryIT.statuses(replicas)).containsExactly("0#0:RUNNING", "1#1:RUNNING");
            replicas.forEach(r -> assertThat(r.path("message").asString("")).startsWith("Slurm unreachable since"));
        });
        while (Instant.now().isBefore(end)) {
            JsonNode run = run();
            assertThat(SlurmStoryIT.statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#1:RUNNING");
            assertThat(ids(run.get("replicas"))).isEqualTo(before);
            assertThat(SlurmStoryIT.statuses(run.get("history"))).containsExactly("1#0:TERMINATED");
            Thread.sleep(2_000);
        }
    }

    /** Afterwards: the mark is gone, the same jobs run, Slurm runs exactly them. */
    private static void reconciled(List<String> before) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode run = run();
            assertThat(SlurmStoryIT.statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#1:RUNNING");
            run.get("replicas").forEach(r -> assertThat(r.path("message").isMissingNode()
                    || r.path("message").isNull()).as(r.toString()).isTrue());
            assertThat(ids(run.get("replicas"))).isEqualTo(before).isEqualTo(ourJobs());
        });
    }

    private static void create(String yaml) {
        ApiClient.Response created = api.post(RUNS, "application/yaml", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static void scale(int replicas) {
        ApiClient.Response response = api.postJson(RUNS + "/web/scale", "{\"replicas\": " + replicas + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode run() {
        ApiClient.Response response = api.get(RUNS + "/web?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> currentJobIds() {
        return ids(run().get("replicas"));
    }

    private static List<String> ids(JsonNode replicas) {
        List<String> ids = new ArrayList<>();
        replicas.forEach(r -> ids.add(r.path("backendId").asString("")));
        return ids.stream().sorted().toList();
    }

    /** The ids of this test's jobs that Slurm queues or runs, asked of Slurm directly (not over SSH). */
    private static List<String> ourJobs() {
        return SlurmCluster.run("squeue", "-h", "-o", "%i|%T|%k").orElse("").lines()
                .filter(line -> line.contains("|runplane:" + jobDir + "/") && !line.contains("|COMPLETING|"))
                .map(line -> line.substring(0, line.indexOf('|'))).sorted().toList();
    }

    /** slurmctld started again if this test stopped it (it recovers its saved state). */
    private static void ensureControllerRuns() {
        if (SlurmCluster.run("squeue", "-h").isPresent()) {
            return;
        }
        SlurmCluster.run("/usr/sbin/slurmctld");
        await().atMost(Duration.ofSeconds(30)).until(() -> SlurmCluster.run("squeue", "-h").isPresent());
    }
}
