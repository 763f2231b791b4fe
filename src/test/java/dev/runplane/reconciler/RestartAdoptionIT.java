package dev.runplane.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TestDatabase;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Restart safety with a real crash (DESIGN.md, "Execution backends", local): the server is a separate JVM killed
 * with SIGKILL. Its replicas keep running without it; the next server on the same database and data directory
 * re-adopts the live one as the same submission and marks the one that vanished meanwhile LOST, after which the
 * retry policy starts a new submission for it.
 * <p>
 * Not an {@code @IntegrationTest}: the servers get a database of their own, because a second reconciler on the
 * shared test database would work on the other tests' runs (and theirs on ours).
 */
class RestartAdoptionIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String TOKEN = "rp_restart-adoption-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_adopt_" + UUID.randomUUID().toString().substring(0, 8);
    /*
     * Server B runs on A's data directory, so it is the same node (NodeIdentity) and takes A's runs back at once,
     * whatever the lease. The shorter lease only bounds the test should that ever regress to waiting for expiry.
     */
    private static final List<String> SERVER_ARGS = List.of("--runplane.reconciler.lease=10s");

    @TempDir
    static Path dataDir;

    static JdbcClient db;
    static ServerProcess serverA;
    static ServerProcess serverB;

    @BeforeAll
    static void createDatabase() {
        TestDatabase.get().execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        TestDatabase test = TestDatabase.get();
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
            handles().forEach(handle -> {
                if (leaderExists(handle)) {
                    killGroup(handle.pid());
                }
            });
        } finally {
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void replicasSurviveAKilledServerAndTheNextServerAdoptsThem() {
        long t0 = System.nanoTime();
        serverA = ServerProcess.start("restart-adoption-server-a", settings());
        ApiClient api = new ApiClient(serverA.baseUrl(), TOKEN);
        phase("server A ready", t0);

        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: service
                name: adopt
                commands:
                  - sleep 600
                replicas: 2
                retry:
                  on: [lost]
                  limit: 1
                stop_grace_period: 5s
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode run = run(api);
            assertThat(run.get("status").asString()).isEqualTo("RUNNING");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
        });
        Handle replica0 = handle(0, 0);
        Handle replica1 = handle(1, 0);
        phase("both replicas running", t0);

        // the crash: replicas are their own sessions, with output in files, so they outlive the server
        serverA.kill9();
        assertThat(serverA.isAlive()).isFalse();
        assertThat(leaderAlive(replica0)).as("replica 0 after the server's SIGKILL").isTrue();
        assertThat(leaderAlive(replica1)).as("replica 1 after the server's SIGKILL").isTrue();
        phase("server A killed", t0);

        // While no server runs, replica 1's whole process group dies (wrapper included), so it leaves no exit code:
        // the next server can only find it vanished, which is LOST.
        killGroup(replica1.pid());
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(liveSessionMembers(replica1.pid())).isEmpty());
        assertThat(leaderAlive(replica0)).isTrue();

        serverB = ServerProcess.start("restart-adoption-server-b", settings());
        ApiClient apiB = new ApiClient(serverB.baseUrl(), TOKEN);
        phase("server B ready", t0);

        // Until B holds the lease the database still says what A last saw; after that B observes. Replica 0 must be
        // RUNNING as the same submission all along, and the run RUNNING.
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode run = run(apiB);
            List<String> current = statuses(run.get("replicas"));
            seen.add(run.get("status").asString() + " " + current + " history " + statuses(run.get("history")));
            assertThat(run.get("status").asString()).as("run status, seen so far: %s", seen).isEqualTo("RUNNING");
            assertThat(current).as("seen so far: %s", seen).first().isEqualTo("0#0:RUNNING");
            JsonNode lost = find(run.get("history"), 1, 0);
            assertThat(lost).as("replica 1's first submission in the history; seen so far: %s", seen).isNotNull();
            assertThat(lost.get("status").asString()).isEqualTo("FAILED");
            assertThat(lost.get("terminationReason").asString()).isEqualTo("LOST");
            assertThat(current).containsExactly("0#0:RUNNING", "1#1:RUNNING");
        });
        phase("replica 1 lost and replaced; observed over B's API: " + seen.stream().distinct().toList(), t0);
        seen.forEach(observation -> assertThat(observation)
                .as("every observation: %s", seen).startsWith("RUNNING [0#0:RUNNING").doesNotContain("0#1"));
        assertThat(handle(0, 0)).as("replica 0 keeps its submission and process").isEqualTo(replica0);
        assertThat(leaderAlive(replica0)).as("replica 0's process after the re-adoption").isTrue();
        Handle replica1Again = handle(1, 1);
        assertThat(replica1Again.pid()).isNotEqualTo(replica1.pid());
        assertThat(leaderAlive(replica1Again)).isTrue();
        assertThat(db.sql("""
                        SELECT COUNT(*) FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = 'adopt' AND s.replica_num = 0""").query(Integer.class).single())
                .as("submissions of replica 0").isEqualTo(1);

        // B controls the adopted replica as fully as its own: a stop ends both, and no process is left
        ApiClient.Response stopped = apiB.postJson(RUNS + "/adopt/stop", "{}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = run(apiB);
            assertThat(run.get("status").asString()).isEqualTo("TERMINATED");
            assertThat(run.get("replicas")).as("ended replicas are history").isEmpty();
            assertThat(find(run.get("history"), 0, 0).get("terminationReason").asString())
                    .isEqualTo("STOPPED_BY_USER");
            assertThat(find(run.get("history"), 1, 1).get("terminationReason").asString())
                    .isEqualTo("STOPPED_BY_USER");
        });
        for (Handle handle : handles()) {
            assertThat(liveSessionMembers(handle.pid())).as("processes left of %s", handle).isEmpty();
        }
        phase("run stopped", t0);

        serverB.stop();
        assertThat(serverB.isAlive()).isFalse();
    }

    private static ServerProcess.Settings settings() {
        TestDatabase test = TestDatabase.get();
        return new ServerProcess.Settings(test.urlFor(DATABASE), test.user(), test.password(), dataDir, TOKEN,
                SERVER_ARGS);
    }

    private static void phase(String what, long t0) {
        System.out.printf("[RestartAdoptionIT] %5.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static JsonNode run(ApiClient api) {
        ApiClient.Response response = api.get(RUNS + "/adopt?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> statuses(JsonNode replicas) {
        List<String> out = new ArrayList<>();
        if (replicas != null) {
            replicas.forEach(r -> out.add(r.get("replicaNum").asInt() + "#" + r.get("submissionNum").asInt() + ":"
                    + r.get("status").asString()));
        }
        return out;
    }

    private static JsonNode find(JsonNode replicas, int replicaNum, int submissionNum) {
        if (replicas != null) {
            for (JsonNode r : replicas) {
                if (r.get("replicaNum").asInt() == replicaNum && r.get("submissionNum").asInt() == submissionNum) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The local backend's handle, {@code local:<pid>:<start time>:<dir>}: enough to tell our process apart. */
    record Handle(long pid, long startTime) {
        static Handle parse(String value) {
            String[] parts = value.split(":", 4);
            return new Handle(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }
    }

    private static Handle handle(int replicaNum, int submissionNum) {
        return db.sql("""
                        SELECT s.backend_handle FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = 'adopt' AND s.replica_num = ? AND s.submission_num = ?""")
                .params(replicaNum, submissionNum).query(String.class).optional()
                .map(Handle::parse).orElseThrow(() -> new AssertionError(
                        "no handle for replica " + replicaNum + " submission " + submissionNum));
    }

    private static List<Handle> handles() {
        if (db == null) {
            return List.of();
        }
        try {
            return db.sql("SELECT backend_handle FROM replica_submission WHERE backend_handle LIKE 'local:%'")
                    .query(String.class).list().stream().map(Handle::parse).toList();
        } catch (RuntimeException e) {
            // no schema yet: the first server never got that far
            return List.of();
        }
    }

    /** {@code kill -KILL -- -<pgid>}: the replica's wrapper leads its process group, so this is all of it. */
    private static void killGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Read from /proc rather than through ProcessHandle: an orphaned wrapper killed while no server ran may stay a
    // zombie (nobody needs to reap it), which is dead for us but not for ProcessHandle.isAlive.

    private static boolean leaderAlive(Handle handle) {
        return stat(handle.pid()).filter(s -> s.startTime() == handle.startTime() && s.alive()).isPresent();
    }

    private static boolean leaderExists(Handle handle) {
        return stat(handle.pid()).filter(s -> s.startTime() == handle.startTime()).isPresent();
    }

    /** Live (non-zombie) processes of a session: the replica's whole tree, even parts that left its group. */
    private static List<Long> liveSessionMembers(long session) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                stat(Long.parseLong(entry.getFileName().toString()))
                        .filter(s -> s.session() == session && s.alive())
                        .ifPresent(s -> members.add(s.pid()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return members;
    }

    record Stat(long pid, char state, long session, long startTime) {
        boolean alive() {
            return state != 'Z' && state != 'X' && state != 'x';
        }
    }

    /** proc(5): after the command name's last ')', field 3 is the state, 6 the session, 22 the start time. */
    private static Optional<Stat> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(pid, f[0].charAt(0), Long.parseLong(f[3]), Long.parseLong(f[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
