package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.execution.slurm.SlurmPollProbe;
import dev.runplane.support.ApiClient;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.SlurmCluster;
import dev.runplane.support.SshLoginNode;
import dev.runplane.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark, not part of {@code verify} (issue 17), on the real two-node test Slurm, locally and over SSH to a real
 * OpenSSH server on a loopback port: (1) one observation poll with 500 jobs queued; (2) scale call returned → the
 * new replica RUNNING, 50 rounds, each beside a plain {@code sbatch} → RUNNING in {@code squeue} (Slurm's floor) and
 * → its batch script begun (the like-for-like floor), the floor submitted as Runplane's user at the same moment of
 * the second as the round's scale call (Slurm starts batch jobs at a once-a-second scheduling pass);
 * (3) log freshness: a replica prints its clock every 200 ms, the API is polled every 20 ms. Run with
 * {@code flock /tmp/slurm.lock ./mvnw -B -ntp -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=SlurmBenchmark} (optionally {@code -Dbench.rounds=50}).
 */
class SlurmBenchmark {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String USER = "rpslurm";
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 50);
    static SshLoginNode node;
    /** The uid and gid of {@link #USER}, which Runplane's jobs run as, and the floor's too. */
    static String userUid;
    static String userGid;

    @BeforeAll
    static void start() throws Exception {
        SlurmCluster.require();
        node = SshLoginNode.start(false);
        if (SlurmCluster.run("id", "-u", USER).isEmpty()) {
            SlurmCluster.run("useradd", "--system", "--no-create-home", USER);
        }
        userUid = SlurmCluster.run("id", "-u", USER).orElseThrow().strip();
        userGid = SlurmCluster.run("id", "-g", USER).orElseThrow().strip();
    }

    @AfterAll
    static void stop() throws Exception {
        SlurmCluster.run("scancel", "-n", "rp-bench-held");
        SlurmCluster.run("scancel", "-n", "rp-bench-floor");
        if (node != null) {
            node.close();
        }
    }

    @Test
    void observationPollWith500JobsQueued() throws Exception {
        Path dir = Files.createTempDirectory("slurm-bench-held");
        for (int i = 0; i < 500; i++) {
            assertThat(SlurmCluster.run("sbatch", "--parsable", "--hold", "--job-name=rp-bench-held",
                    "--comment=runplane:" + dir + "/" + i, "--output=/dev/null", "--wrap", "true")).isPresent();
        }
        try (SlurmPollProbe local = SlurmPollProbe.local();
             SlurmPollProbe ssh = SlurmPollProbe.ssh(node.port(), node.privateKey(), node.knownHosts())) {
            assertThat(local.jobsSeen()).isGreaterThanOrEqualTo(500);
            ssh.pollNanos();
            local.pollNanos();
            long[] l = new long[20];
            long[] s = new long[20];
            for (int i = 0; i < 20; i++) {
                l[i] = local.pollNanos() / 1000;
                s[i] = ssh.pollNanos() / 1000;
            }
            report("one poll, " + local.jobsSeen() + " jobs queued, local", l);
            report("one poll, " + ssh.jobsSeen() + " jobs queued, over SSH", s);
        } finally {
            SlurmCluster.run("scancel", "-n", "rp-bench-held");
        }
    }

    @Test
    void scaleToRunningAndLogFreshnessLocally() throws Exception {
        measure("local", List.of());
    }

    @Test
    void scaleToRunningAndLogFreshnessOverSsh() throws Exception {
        measure("ssh", node.settings());
    }

    private static void measure(String mode, List<String> modeSettings) throws Exception {
        String token = "rp_slurm-bench-" + UUID.randomUUID().toString().replace("-", "");
        String database = "runplane_slurmbench_" + UUID.randomUUID().toString().substring(0, 8);
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        Path jobDir = Files.createTempDirectory("slurm-bench-jobs");
        jobDir.toFile().setExecutable(true, false);
        List<String> settings = new ArrayList<>(List.of("--runplane.slurm.enabled=true",
                "--runplane.slurm.job-dir=" + jobDir, "--runplane.slurm.users.default=" + USER));
        settings.addAll(modeSettings);
        try (ServerProcess server = ServerProcess.start("slurm-bench-" + mode, new ServerProcess.Settings(
                test.urlFor(database), test.user(), test.password(), Files.createTempDirectory("slurm-bench-data"),
                token, settings))) {
            ApiClient api = new ApiClient(server.baseUrl(), token);
            scaleRounds(mode, api, jobDir);
            freshness(mode, api);
            // aborted runs end before the server goes, or their jobs would outlive it
            waitFor(() -> api.get(RUNS + "/clock").json().path("status").asString("").equals("TERMINATED")
                    && api.get(RUNS + "/latency").json().path("status").asString("").equals("TERMINATED"));
        } finally {
            test.execute("DROP DATABASE IF EXISTS " + database);
            SlurmCluster.run("squeue", "-h", "-o", "%i|%k").orElse("").lines()
                    .filter(line -> line.contains("|runplane:" + jobDir + "/"))
                    .forEach(line -> SlurmCluster.run("scancel", line.substring(0, line.indexOf('|'))));
        }
    }

    private static void scaleRounds(String mode, ApiClient api, Path jobDir) throws Exception {
        assertThat(api.post(RUNS, "application/yaml", """
                type: service
                name: latency
                backend: slurm
                commands: [sleep 3600]
                replicas: 1
                resources: {cpu: 0.5, memory: 64Mi}
                stop_grace_period: 1s
                """).status()).isEqualTo(201);
        waitFor(() -> replica(api, "latency", 0, 0).equals("RUNNING"));
        long[] runplane = new long[ROUNDS];
        long[] floor = new long[ROUNDS];
        long[] scriptFloor = new long[ROUNDS];
        long[] added = new long[ROUNDS];
        long[] paired = new long[ROUNDS];
        java.util.Random moments = new java.util.Random(17);
        for (int i = 0; i < ROUNDS; i++) {
            // Slurm starts a batch job at its controller's next scheduling pass, once a second here (slurmctld.log:
            // every "sched: Allocate" at the same fraction of a second), so the time to RUNNING depends on the moment
            // in that second a job is submitted. Each round scales at a random moment of the second, and its floor is
            // submitted at the same moment of a later second: like for like, whatever Slurm's phase is.
            sleepUntilMomentOfSecond(moments.nextInt(1000));
            assertThat(api.postJson(RUNS + "/latency/scale", "{\"replicas\": 2}").status()).isEqualTo(200);
            long returned = System.nanoTime();
            long returnedMillis = System.currentTimeMillis();
            int submission = i;
            waitFor(() -> replica(api, "latency", 1, submission).equals("RUNNING"));
            runplane[i] = (System.nanoTime() - returned) / 1000;
            long seenAtMillis = System.currentTimeMillis();
            added[i] = runplaneShare(jobDir, seenAtMillis - runplane[i] / 1000, seenAtMillis);
            assertThat(api.postJson(RUNS + "/latency/scale", "{\"replicas\": 1}").status()).isEqualTo(200);
            // each measurement (Runplane's and the floor's) starts from the same quiet cluster: one replica running,
            // nothing else starting or ending in Slurm (a slot scaled back up while its previous submission still
            // stops waits for it to end; Slurm schedules a job at once only when nothing else is in the way)
            waitFor(() -> replica(api, "latency", 1, submission).equals("TERMINATED")
                    && SlurmCluster.run("squeue", "-h", "-n", "rp-default-latency-r1", "-t",
                    "PENDING,RUNNING,COMPLETING", "-o", "%i").orElse("").isBlank());
            sleepUntilMomentOfSecond((int) (returnedMillis % 1000));
            long[] plain = plainSbatchToRunning();
            floor[i] = plain[0];
            scriptFloor[i] = plain[1];
            paired[i] = runplane[i] - scriptFloor[i];
        }
        api.postJson(RUNS + "/latency/stop", "{\"abort\": true}");
        report("scale call -> new replica RUNNING (wrapper started), " + mode, runplane);
        report("plain sbatch -> RUNNING in squeue (same rounds, same moment of the second), " + mode, floor);
        report("plain sbatch -> its batch script has begun (same rounds, same moment of the second), " + mode,
                scriptFloor);
        report("difference, round by round: scale -> RUNNING minus its floor's sbatch -> script begun, " + mode,
                paired);
        report("Runplane's own share of it (scale returned -> handle written, plus wrapper started -> RUNNING seen), "
                + mode, added);
    }

    /** Sleeps until the wall clock's milliseconds within the second are {@code millis} (at most a second). */
    private static void sleepUntilMomentOfSecond(int millis) throws InterruptedException {
        long now = System.currentTimeMillis();
        long wait = Math.floorMod(millis - now % 1000, 1000);
        Thread.sleep(wait);
    }

    /**
     * What Runplane itself adds to one launch, apart from Slurm's scheduling (which varies from 50 ms to 1 s with the
     * moment a job is submitted in the controller's cycle, so a floor measured at another moment is not the same
     * floor): from the scale call returning to the job's handle being written (the reconciler's pass, the job
     * directory, sbatch), plus from the wrapper writing {@code started} to the replica being RUNNING in the API (the
     * observer seeing it, the reconciler recording it). Both files are in the newest submission's directory; this
     * machine is the login node, so their clocks are the benchmark's. In microseconds.
     */
    private static long runplaneShare(Path jobDir, long returnedMillis, long seenMillis) throws Exception {
        Path newest;
        try (var dirs = Files.list(jobDir)) {
            newest = dirs.filter(d -> Files.exists(d.resolve("started")))
                    .max(java.util.Comparator.comparingLong(d -> d.resolve("started").toFile().lastModified()))
                    .orElseThrow();
        }
        long handleWritten = Files.getLastModifiedTime(newest.resolve("handle")).toMillis();
        // the wrapper creates the file, then writes the time into it: an empty read is the moment in between
        String startedText = Files.readString(newest.resolve("started")).strip();
        for (int i = 0; startedText.isEmpty() && i < 100; i++) {
            Thread.sleep(10);
            startedText = Files.readString(newest.resolve("started")).strip();
        }
        long started = Long.parseLong(startedText);
        return ((handleWritten - returnedMillis) + (seenMillis - started)) * 1000;
    }

    /**
     * Slurm's own floor, two ways: sbatch, then squeue every 10 ms until the job is RUNNING (the floor), and
     * until its batch script has written a file (like for like with Runplane, which counts a replica RUNNING once its
     * wrapper has written {@code started}). Returns both, in microseconds.
     */
    private static long[] plainSbatchToRunning() throws Exception {
        Path marker = Files.createTempDirectory("slurm-bench-floor").resolve("started");
        marker.getParent().toFile().setWritable(true, false);
        marker.getParent().toFile().setExecutable(true, false);
        long start = System.nanoTime();
        // as Runplane submits its jobs: as the project's user, no environment, one task (the script is the floor's)
        String id = SlurmCluster.run("sbatch", "--parsable", "--job-name=rp-bench-floor", "--export=NIL",
                "--nodes=1", "--ntasks=1", "--cpus-per-task=1", "--mem=64M", "--uid=" + userUid,
                "--gid=" + userGid, "--chdir=" + marker.getParent(), "--output=/dev/null", "--wrap",
                "date > " + marker + "; sleep 60").orElseThrow().strip();
        long running = 0;
        long scriptStarted = 0;
        while (running == 0 || scriptStarted == 0) {
            if (running == 0 && SlurmCluster.run("squeue", "-h", "-j", id, "-o", "%T").orElse("").strip()
                    .equals("RUNNING")) {
                running = (System.nanoTime() - start) / 1000;
            }
            if (scriptStarted == 0 && Files.exists(marker)) {
                scriptStarted = (System.nanoTime() - start) / 1000;
            }
            Thread.sleep(10);
        }
        SlurmCluster.run("scancel", id);
        while (!SlurmCluster.run("squeue", "-h", "-j", id, "-t", "PENDING,RUNNING,COMPLETING", "-o", "%T")
                .orElse("").isBlank()) {
            Thread.sleep(10);
        }
        return new long[] {running, scriptStarted};
    }

    private static void freshness(String mode, ApiClient api) throws Exception {
        assertThat(api.post(RUNS, "application/yaml", """
                type: service
                name: clock
                backend: slurm
                commands: ['while true; do date +%s%3N; sleep 0.2; done']
                resources: {cpu: 0.5, memory: 64Mi}
                stop_grace_period: 1s
                """).status()).isEqualTo(201);
        waitFor(() -> replica(api, "clock", 0, 0).equals("RUNNING"));
        List<Long> lags = new ArrayList<>();
        String after = null;
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            JsonNode page = api.get(RUNS + "/clock/logs?replica=0" + (after == null ? "" : "&after=" + after))
                    .json();
            long now = System.currentTimeMillis();
            for (JsonNode line : page.get("lines")) {
                try {
                    lags.add((now - Long.parseLong(line.get("text").asString().strip())) * 1000);
                } catch (NumberFormatException e) {
                    // not a clock line
                }
                after = Long.toString(line.get("cursor").asLong());
            }
            Thread.sleep(20);
        }
        api.postJson(RUNS + "/clock/stop", "{\"abort\": true}");
        // the first page holds the lines printed before the replica counted as RUNNING: not freshness
        report("log freshness (printed -> in the API), " + mode, lags.stream().skip(5).mapToLong(Long::longValue)
                .toArray());
    }

    /** The status of one submission of a run (current or in its history), or "" before it exists. */
    private static String replica(ApiClient api, String run, int replica, int submission) {
        JsonNode body = api.get(RUNS + "/" + run + "?history=true").json();
        for (String list : List.of("replicas", "history")) {
            for (JsonNode r : body.path(list)) {
                if (r.path("replicaNum").asInt() == replica && r.path("submissionNum").asInt(-1) == submission) {
                    return r.path("status").asString("");
                }
            }
        }
        return "";
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 120 s");
            }
            Thread.sleep(10);
        }
    }

    private static void report(String what, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("%n[benchmark] %s, %d samples: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                what, sorted.length, sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.9)] / 1e3,
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e3,
                sorted[sorted.length - 1] / 1e3);
        System.out.println("[benchmark] all samples (ms): " + Arrays.toString(
                Arrays.stream(sorted).mapToDouble(n -> n / 1e3).toArray()));
    }
}
