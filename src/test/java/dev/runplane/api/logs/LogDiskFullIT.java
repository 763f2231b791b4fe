package dev.runplane.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The "log disk fills up" row of BAD-INPUTS.md, across three servers on one database and data directory: the first
 * stores lines normally; the second starts with a free-space minimum no disk meets (the data disk is "full" for it):
 * the replica keeps running, its log gets one explicit line, further output is counted instead of stored, new runs
 * are refused and health is DOWN; the third has space again: the log gets the exact count, and storing resumes right
 * after the skipped lines. Servers are killed with SIGKILL, so the count and the offsets must be persisted together.
 */
class LogDiskFullIT {
    private static final String TOKEN = "rp_log-disk-full-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_diskfull_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RUNS = "/api/v1/projects/default/runs";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path flags;

    static JdbcClient db;
    static final List<ServerProcess> servers = new ArrayList<>();

    @BeforeAll
    static void createDatabase() {
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        db = JdbcClient.create(new DriverManagerDataSource(test.urlFor(DATABASE), test.user(), test.password()));
    }

    @AfterAll
    static void cleanUp() {
        servers.forEach(ServerProcess::close);
        TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private static ServerProcess start(String name, String minFreeDisk) {
        TestDatabase test = TestDatabase.get();
        ServerProcess server = ServerProcess.start(name, new ServerProcess.Settings(test.urlFor(DATABASE),
                test.user(), test.password(), dataDir, TOKEN,
                List.of("--runplane.reconciler.lease=5s", "--runplane.min-free-disk=" + minFreeDisk)));
        servers.add(server);
        return server;
    }

    private static List<String> stored(String stream) {
        return db.sql("SELECT text FROM log_line WHERE stream = ? ORDER BY seq").param(stream)
                .query(String.class).list();
    }

    private static Map<String, Object> progress() {
        return db.sql("SELECT lines_unstored, lines_dropped, complete FROM log_progress").query().singleRow();
    }

    private static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void whileTheDataDiskIsFullLinesAreCountedNotStoredAndStoringResumesExactlyAfterThem() throws Exception {
        // the replica prints in three phases, each started by a flag file the test creates
        ServerProcess first = start("log-disk-full-a", "1MB");
        ApiClient api = new ApiClient(first.baseUrl(), TOKEN);
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: task
                name: printer
                commands:
                  - 'print() { i=$1; while [ $i -le $2 ]; do echo "line $i"; i=$((i+1)); done; }'
                  - 'await() { while [ ! -e %1$s/$1 ]; do sleep 0.1; done; }'
                  - 'print 1 100; await phase2; print 101 250; await phase3; print 251 400'
                """.formatted(flags.toAbsolutePath()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored("o").size() == 100);
        first.kill9();

        ServerProcess full = start("log-disk-full-b", "1000TB");
        ApiClient apiFull = new ApiClient(full.baseUrl(), TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored("s").size() == 1);
        assertThat(stored("s").getFirst()).startsWith("[runplane] log storage full: the server's data disk has less "
                + "than ").contains("output of this replica is not stored until space returns");
        Files.createFile(flags.resolve("phase2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(150).equals(progress().get("lines_unstored")));
        assertThat(stored("o")).hasSize(100);
        assertThat(apiFull.get(RUNS + "/printer").json().get("status").asString()).isEqualTo("RUNNING");
        assertThat(apiFull.post(RUNS, "application/yaml", "type: task\nname: refused\ncommands: ['true']\n")
                .status()).isEqualTo(507);
        assertThat(apiFull.get("/actuator/health").status()).isEqualTo(503);
        full.kill9();

        ServerProcess again = start("log-disk-full-c", "1MB");
        ApiClient apiAgain = new ApiClient(again.baseUrl(), TOKEN);
        Files.createFile(flags.resolve("phase3"));
        await().atMost(Duration.ofSeconds(40)).until(() -> "DONE".equals(
                apiAgain.get(RUNS + "/printer").json().get("status").asString())
                && Boolean.TRUE.equals(progress().get("complete")));

        List<String> expected = new ArrayList<>(lines(1, 100));
        expected.addAll(lines(251, 400));
        assertThat(stored("o")).containsExactlyElementsOf(expected);
        List<String> all = db.sql("SELECT text FROM log_line ORDER BY seq").query(String.class).list();
        assertThat(all.get(100)).startsWith("[runplane] log storage full: the server's data disk");
        assertThat(all.get(101)).isEqualTo("[runplane] log storage full: 150 lines not stored");
        assertThat(all.get(102)).isEqualTo("line 251");
        assertThat(db.sql("SELECT COUNT(DISTINCT seq) FROM log_line").query(Integer.class).single())
                .isEqualTo(all.size());
        assertThat(progress()).containsEntry("lines_dropped", 150L).containsEntry("lines_unstored", null);
        assertThat(apiAgain.get("/actuator/health").status()).isEqualTo(200);
    }
}
