package dev.runplane.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Log ingestion across a server killed with SIGKILL while a replica prints: after the next server finished, the
 * stored lines are exactly what the replica printed — same count, same order, same checksum, nothing repeated.
 */
class LogIngestRestartIT {
    private static final int LINES = 3000;
    private static final String TOKEN = "rp_log-restart-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_logs_" + UUID.randomUUID().toString().substring(0, 8);

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
        TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private static ServerProcess.Settings settings() {
        TestDatabase test = TestDatabase.get();
        return new ServerProcess.Settings(test.urlFor(DATABASE), test.user(), test.password(), dataDir, TOKEN,
                List.of("--runplane.reconciler.lease=5s"));
    }

    private static int storedLines() {
        return db.sql("SELECT COUNT(*) FROM log_line WHERE stream = 'o'").query(Integer.class).single();
    }

    @Test
    void linesPrintedAcrossAKilledServerAreStoredExactlyOnce() throws Exception {
        serverA = ServerProcess.start("log-restart-server-a", settings());
        ApiClient api = new ApiClient(serverA.baseUrl(), TOKEN);
        ApiClient.Response created = api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: task
                name: printer
                commands:
                  - 'i=1; while [ $i -le %d ]; do echo "line $i"; if [ $((i %% 100)) = 0 ]; then sleep 0.1; fi; i=$((i+1)); done'
                """.formatted(LINES));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // kill the server in the middle of the output
        await().atMost(Duration.ofSeconds(20)).until(() -> storedLines() >= 300);
        serverA.kill9();
        int storedAtCrash = storedLines();
        assertThat(storedAtCrash).isLessThan(LINES);

        serverB = ServerProcess.start("log-restart-server-b", settings());
        ApiClient apiB = new ApiClient(serverB.baseUrl(), TOKEN);
        await().atMost(Duration.ofSeconds(40)).until(() -> "DONE".equals(
                apiB.get("/api/v1/projects/default/runs/printer").json().get("status").asString())
                && Boolean.TRUE.equals(db.sql("SELECT complete FROM log_progress").query(Boolean.class).optional()
                .orElse(false)));

        List<String> texts = db.sql("SELECT text FROM log_line WHERE stream = 'o' ORDER BY seq")
                .query(String.class).list();
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            expected.append("line ").append(i).append('\n');
        }
        texts.forEach(t -> actual.append(t).append('\n'));
        assertThat(texts).hasSize(LINES);
        assertThat(sha256(actual.toString())).isEqualTo(sha256(expected.toString()));
        assertThat(db.sql("SELECT COUNT(DISTINCT seq) FROM log_line").query(Integer.class).single())
                .isEqualTo(db.sql("SELECT COUNT(*) FROM log_line").query(Integer.class).single());
        System.out.printf("[log-restart] %d of %d lines were stored when the server was killed%n", storedAtCrash,
                LINES);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
