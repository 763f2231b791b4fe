package dev.runplane.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.Replicas;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TcpProxy;
import dev.runplane.support.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Real end times across a database outage (issue 12, item 3): a task exits while its server cannot reach MariaDB,
 * and the database comes back about ten seconds later. Its {@code finishedAt} is the wrapper's record of its end,
 * not the time the server could write again, and it is billed price × (end − start), not until the database was
 * back. The server reaches a database of its own through a proxy the test cuts (as DatabaseDownIT does), so the
 * shared test database stays up for everyone else.
 */
class EndTimeAcrossDatabaseOutageIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String TOKEN = "rp_db-outage-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_outage_" + UUID.randomUUID().toString().substring(0, 8);
    /** How long the database stays away after the task ended: far beyond one observation interval. */
    private static final Duration DOWN_AFTER_THE_END = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static TcpProxy proxy;
    private static ServerProcess server;

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void aTaskThatExitsWhileTheDatabaseIsUnreachableEndsAndIsBilledAtItsRealEnd() throws Exception {
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        // the test reads the database directly, never through the proxy it cuts
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(test.urlFor(DATABASE), test.user(),
                test.password()));
        URI direct = URI.create(test.urlFor(DATABASE).substring("jdbc:".length()));
        proxy = new TcpProxy(direct.getHost(), direct.getPort() < 0 ? 3306 : direct.getPort());
        // 3600 an hour is 1 a second, so the bill of a few seconds shows in the API's six decimals; a lease far
        // longer than the outage, so the server keeps its run when the database is back
        server = ServerProcess.start("db-outage-end-time", new ServerProcess.Settings(
                "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + DATABASE, test.user(), test.password(), dataDir,
                TOKEN, List.of("--runplane.billing.prices.local.base=3600", "--runplane.reconciler.lease=10m")));
        ApiClient api = new ApiClient(server.baseUrl(), TOKEN);
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: task
                name: ends-in-outage
                commands: ["sleep 5"]
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(run(api).get("status").asString()).isEqualTo("RUNNING"));
        String handle = Replicas.firstHandle(db, "ends-in-outage");

        Instant cutAt = Instant.now();
        proxy.cut();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(Replicas.wrapperRecordFile(handle)));
        Instant recorded = Replicas.wrapperEnd(handle);
        assertThat(recorded).as("the task ended while the database was unreachable (else this proved nothing)")
                .isAfter(cutAt);
        Thread.sleep(DOWN_AFTER_THE_END);
        Instant restoredAt = Instant.now();
        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(run(api).get("status").asString()).isEqualTo("DONE"));
        System.out.printf("[EndTimeAcrossDatabaseOutageIT] database cut %s, task ended %s, database back %s%n",
                cutAt, recorded, restoredAt);

        SoftAssertions soft = new SoftAssertions();
        JsonNode ended = submission(run(api));
        Instant finishedAt = Instant.parse(ended.get("finishedAt").asString());
        Instant startedAt = Instant.parse(ended.get("startedAt").asString());
        long errorMillis = Duration.between(recorded, finishedAt).abs().toMillis();
        System.out.printf("[EndTimeAcrossDatabaseOutageIT] finishedAt %s, wrapper's end %s: error %d ms%n",
                finishedAt, recorded, errorMillis);
        soft.assertThat(errorMillis).as("|finishedAt − wrapper's end|, ms").isLessThanOrEqualTo(1000);
        soft.assertThat(finishedAt).as("finishedAt, not when the database was back").isBefore(restoredAt);

        // the bill is price × (end − start), recomputed here from the replica's own times
        JsonNode cost = api.get(RUNS + "/ends-in-outage/cost").json();
        JsonNode billed = cost.get("submissions").get(0);
        BigDecimal price = new BigDecimal(billed.get("pricePerHour").asString());
        BigDecimal expected = price.multiply(BigDecimal.valueOf(Duration.between(startedAt, finishedAt).toMillis()))
                .divide(BigDecimal.valueOf(3_600_000L), 6, RoundingMode.HALF_UP);
        System.out.printf("[EndTimeAcrossDatabaseOutageIT] bill %s, recomputed %s%n", cost.get("total").asString(),
                expected.toPlainString());
        soft.assertThat(new BigDecimal(cost.get("total").asString())).as("bill of the task")
                .isEqualByComparingTo(expected);
        // and, independently of finishedAt, no more than a second's worth away from the wrapper's own interval
        BigDecimal byWrapper = price.multiply(BigDecimal.valueOf(Duration.between(startedAt, recorded).toMillis()))
                .divide(BigDecimal.valueOf(3_600_000L), 6, RoundingMode.HALF_UP);
        BigDecimal oneSecond = price.divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP);
        soft.assertThat(new BigDecimal(cost.get("total").asString()).subtract(byWrapper).abs())
                .as("bill − price × (wrapper's end − start)").isLessThanOrEqualTo(oneSecond);
        soft.assertThat(Duration.between(Instant.parse(billed.get("finishedAt").asString()), finishedAt).abs()
                .toMillis()).as("the billed interval ends at finishedAt, ms").isLessThanOrEqualTo(1);
        soft.assertAll();
    }

    private static JsonNode run(ApiClient api) {
        ApiClient.Response response = api.get(RUNS + "/ends-in-outage?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
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
}
